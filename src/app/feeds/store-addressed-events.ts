import type { CrmClient } from "../../ports/crm-client.js";
import type { FeedEvent, FeedEventStore, FeedName, PendingFeedEvent } from "../../ports/feed-event-store.js";

// Feed events name a person by email address only (docs/hubspot.md §Marketing email events, §Form submissions); this gives them to the
// contacts holding that address now (docs/decisions.md §Portal-wide feeds):
// - every contact HubSpot answers for the address gets the event (two contacts, one email: both);
// - the address is looked up when the event is stored, so after an email change new events go to
//   the contact that holds the address now, and the old ones stay where they were;
// - an address no contact holds yet (a form's contact HubSpot has not created yet, an event logged
//   before its contact was imported) is kept aside and looked up again at each poll for a day, then
//   dropped; at most PENDING_MAX are kept per portal and feed, the newest.

export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
export const PENDING_MAX = 2_000;

export interface AddressedEvent {
  email: string;
  event: FeedEvent;
}

export interface StoreAddressedDeps {
  crm: Pick<CrmClient, "findContactIdsByEmail">;
  feeds: Pick<FeedEventStore, "add" | "pending" | "setPending">;
  now: () => number;
}

/**
 * Stores the events with their contacts; the ids of contacts whose events changed. With
 * `retryPending` the addresses kept aside are looked up again too (once per poll); without, what
 * stays unmatched only joins them.
 */
export async function storeAddressedEvents(
  deps: StoreAddressedDeps,
  portalId: number,
  feed: FeedName,
  addressed: readonly AddressedEvent[],
  options: {
    retryPending: boolean;
    /**
     * Addresses looked up earlier in the same poll, and their contacts (none: no contact holds it); new
     * answers are added. A backfill's pages name the same people again and again: asked once each.
     */
    known?: Map<string, string[]>;
  },
): Promise<string[]> {
  const nowMs = deps.now();
  const waiting = (await deps.feeds.pending(portalId, feed)).filter(
    (p) => nowMs - p.firstSeenMs < PENDING_TTL_MS,
  );
  const fresh = addressed.map((a) => ({
    email: a.email.trim().toLowerCase(),
    event: a.event,
    firstSeenMs: nowMs,
  }));
  const all: PendingFeedEvent[] = options.retryPending ? [...waiting, ...fresh] : fresh;
  const owners = options.known ?? new Map<string, string[]>();
  const unknown = [...new Set(all.map((p) => p.email))].filter((email) => !owners.has(email));
  if (unknown.length > 0) {
    const found = await deps.crm.findContactIdsByEmail(unknown);
    for (const email of unknown) owners.set(email, found.get(email) ?? []);
  }
  const byContact = new Map<string, FeedEvent[]>();
  const unmatched = new Map<string, PendingFeedEvent>();
  for (const item of options.retryPending ? [] : waiting)
    unmatched.set(`${item.email} ${item.event.key}`, item);
  for (const item of all) {
    const contacts: string[] = owners.get(item.email) ?? [];
    if (contacts.length === 0) {
      const key = `${item.email} ${item.event.key}`;
      if (!unmatched.has(key)) unmatched.set(key, item);
      continue;
    }
    for (const id of contacts) byContact.set(id, [...(byContact.get(id) ?? []), item.event]);
  }
  const changed = byContact.size > 0 ? await deps.feeds.add(portalId, feed, byContact) : [];
  const stillWaiting = [...unmatched.values()]
    .sort((a, b) => Date.parse(b.event.occurredAt) - Date.parse(a.event.occurredAt))
    .slice(0, PENDING_MAX);
  if (stillWaiting.length !== waiting.length || options.retryPending)
    await deps.feeds.setPending(portalId, feed, stillWaiting);
  return changed;
}
