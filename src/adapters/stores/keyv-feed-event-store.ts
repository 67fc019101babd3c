import type { Keyv } from "keyv";
import {
  type FeedCursor,
  type FeedEvent,
  type FeedEventStore,
  type FeedName,
  MAX_FEED_EVENTS_PER_CONTACT,
  type PendingFeedEvent,
} from "../../ports/feed-event-store.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

// FeedEventStore on keyv: `portal:events:feed:contactId` (the contact's events of one feed, oldest
// first), `portal:pending:feed` and `portal:cursor:feed`. One key per feed and contact: each feed has
// one writer at a time (its scheduled poll, one instance per period), so the pollers
// never read-modify-write the same entry; within this process a contact's writes are serialized.

type Value = FeedEvent[] | PendingFeedEvent[] | FeedCursor;

const feeds: readonly FeedName[] = ["email_events", "form_submissions", "web_events"];

export function createKeyvFeedEventStore(
  keyv: Keyv<Value>,
  maxPerContact = MAX_FEED_EVENTS_PER_CONTACT,
): FeedEventStore {
  const serialized = serializeByKey();
  const eventsKey = (portalId: number, feed: FeedName, contactId: string) =>
    `${portalId}:events:${feed}:${contactId}`;

  async function addToContact(key: string, incoming: readonly FeedEvent[]): Promise<boolean> {
    return serialized(key, async () => {
      const held = ((await keyv.get(key)) as FeedEvent[] | undefined) ?? [];
      const known = new Set(held.map((e) => e.key));
      const fresh = incoming.filter((e) => !known.has(e.key) && known.add(e.key));
      if (fresh.length === 0) return false;
      const all = [...held, ...fresh].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      const kept = all.slice(Math.max(0, all.length - maxPerContact));
      // Events older than all a full contact holds fall off at once: nothing changed.
      if (!kept.some((e) => fresh.includes(e))) return false;
      await keyv.set(key, kept);
      return true;
    });
  }

  return {
    async add(portalId, feed, byContact) {
      const changed: string[] = [];
      for (const [contactId, events] of byContact) {
        if (await addToContact(eventsKey(portalId, feed, contactId), events)) changed.push(contactId);
      }
      return changed;
    },

    async events(portalId, contactIds) {
      const found = new Map<string, FeedEvent[]>();
      if (contactIds.length === 0) return found;
      const keys = feeds.flatMap((feed) => contactIds.map((id) => eventsKey(portalId, feed, id)));
      const values = await keyv.get(keys);
      keys.forEach((_, i) => {
        const events = values[i] as FeedEvent[] | undefined;
        const contactId = contactIds[i % contactIds.length] ?? "";
        if (events && events.length > 0) found.set(contactId, [...(found.get(contactId) ?? []), ...events]);
      });
      for (const events of found.values())
        events.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      return found;
    },

    async pending(portalId, feed) {
      return ((await keyv.get(`${portalId}:pending:${feed}`)) as PendingFeedEvent[] | undefined) ?? [];
    },
    async setPending(portalId, feed, pending) {
      await keyv.set(`${portalId}:pending:${feed}`, [...pending]);
    },
    async cursor(portalId, feed) {
      return (await keyv.get(`${portalId}:cursor:${feed}`)) as FeedCursor | undefined;
    },
    async setCursor(portalId, feed, cursor) {
      await keyv.set(`${portalId}:cursor:${feed}`, cursor);
    },
    async deleteContact(portalId, contactId) {
      await keyv.deleteMany(feeds.map((feed) => eventsKey(portalId, feed, contactId)));
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
