import type { FeedEvent } from "../../ports/feed-event-store.js";
import type { SnapshotInput } from "../../scoring/snapshot-schema.js";
import type { EventNeeds, SnapshotWarning } from "../snapshot-needs.js";
import { feedOfEventType } from "./feed-event-types.js";

// Contacts' marketing email events and form submissions come from the feed event store, not HubSpot:
// the pollers keep them (docs/decisions.md §Portal-wide feeds), so a snapshot costs no call for them.

/** The stored feed events of contacts (FeedEventStore.events for one portal). */
export type FeedEventReader = (contactIds: readonly string[]) => Promise<Map<string, FeedEvent[]>>;
type SnapshotEvent = NonNullable<SnapshotInput["events"]>[number];

/** The contacts' stored events of the feeds `needs` reads; a warning when there is no store at hand. */
export async function loadFeedEvents(
  readFeedEvents: FeedEventReader | undefined,
  ids: readonly string[],
  needs: EventNeeds,
): Promise<{ byRecord: Map<string, SnapshotEvent[]>; warnings: SnapshotWarning[] }> {
  const feeds = new Set(needs.feeds ?? []);
  if (feeds.size === 0 || ids.length === 0) return { byRecord: new Map(), warnings: [] };
  if (!readFeedEvents) {
    const warning = {
      source: [...feeds].join(","),
      code: "unavailable",
      message: "marketing email events and form submissions are kept by the app's pollers, not read here",
    };
    return { byRecord: new Map(), warnings: [warning] };
  }
  const byRecord = new Map<string, SnapshotEvent[]>();
  for (const [id, events] of await readFeedEvents(ids)) {
    const wanted = events.filter((e) => {
      const feed = feedOfEventType(e.type);
      return feed !== undefined && feeds.has(feed);
    });
    byRecord.set(
      id,
      wanted.map((e) => ({ type: e.type, occurredAt: e.occurredAt, properties: e.properties })),
    );
  }
  return { byRecord, warnings: [] };
}
