import type { WebhookEvent } from "../hubspot/webhook-event.js";

// The durable webhook inbox (docs/decisions.md §Webhook inbox): the route appends a delivery and acknowledges
// only after the append resolved; a worker claims, completes or fails entries. Async so a shared queue
// (BullMQ, docs/decisions.md §BullMQ inbox) can implement the same port.

/** pending → processing → done; processing → pending (retry) or parked (gave up, kept for GET /parked). */
export type InboxStatus = "pending" | "processing" | "done" | "parked";

export type InboxEntry = {
  id: number;
  event: WebhookEvent;
  status: InboxStatus;
  /** Claims so far, this one included. */
  attempts: number;
  lastError: string | null;
  receivedAtMs: number;
  updatedAtMs: number;
};

export type AppendResult = { stored: number; duplicates: number };

export interface Inbox {
  /** Stores one delivery atomically; events already held (same dedupe key) are skipped. */
  append(events: readonly WebhookEvent[]): Promise<AppendResult>;
  /** Up to `limit` claimable entries, oldest first, marked processing. */
  claim(limit: number): Promise<InboxEntry[]>;
  complete(ids: readonly number[]): Promise<void>;
  /** Retry at `retryAtMs` (default: the inbox's backoff), or park once the attempts are used up. */
  fail(id: number, error: string, retryAtMs?: number): Promise<"pending" | "parked">;
  /** Parked entries of a portal, oldest first (at most `limit`, default 1,000): GET /parked. */
  parked(portalId: number, limit?: number): Promise<InboxEntry[]>;
  /** Deletes entries done more than `olderThanMs` ago; returns how many. */
  purgeDone(olderThanMs?: number): Promise<number>;
  counts(): Promise<Record<InboxStatus, number>>;
  /** When the oldest entry not yet done or parked arrived (the worker's lag, /metrics); null when none. */
  oldestOpenReceivedAtMs(): Promise<number | null>;
  close(): Promise<void>;
}
