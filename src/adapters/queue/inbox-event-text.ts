import type { WebhookEvent } from "../../hubspot/webhook-event.js";

// How an event is stored in webhook_inbox.event: a JSON array of its fields in a fixed order, not
// the object. JSON.stringify of the object (17 keys written out, the dedupe key a second time) took
// 1.6 µs an event for 420 bytes a row; the array takes 1 µs for 160 bytes, which SQLite also writes
// and the WAL checkpointer copies faster. The dedupe key is left out: it has its own column.
// Rows written before this format hold the object (`{...}`); they are still read as they are.
// Adding a field: append it at the end, and give it a default below for the rows stored without it.

/** The text stored for `event`; decodeInboxEvent(text, event.dedupeKey) gives it back. */
export function encodeInboxEvent(e: WebhookEvent): string {
  return JSON.stringify([
    e.portalId,
    e.subscriptionType,
    e.subscriptionId,
    e.objectTypeId,
    e.objectId,
    e.occurredAtMs,
    e.eventId,
    e.propertyName,
    e.propertyValue,
    e.association,
    e.merge,
    e.objectType,
    e.change,
    e.attemptNumber,
    e.changeSource,
  ]);
}

/** The event stored as `text` in the row whose dedupe_key is `dedupeKey`, in either format. */
export function decodeInboxEvent(text: string, dedupeKey: string): WebhookEvent {
  const stored: unknown = JSON.parse(text);
  if (!Array.isArray(stored)) return stored as WebhookEvent;
  return {
    dedupeKey,
    portalId: stored[0],
    subscriptionType: stored[1],
    subscriptionId: stored[2],
    objectTypeId: stored[3],
    objectId: stored[4],
    occurredAtMs: stored[5],
    eventId: stored[6],
    propertyName: stored[7],
    propertyValue: stored[8],
    association: stored[9],
    merge: stored[10],
    objectType: stored[11],
    change: stored[12],
    attemptNumber: stored[13],
    changeSource: stored[14],
  };
}
