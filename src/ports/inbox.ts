import type { WebhookEvent } from "../hubspot/webhook-event.js";

// The durable webhook inbox (docs/decisions.md §Webhook inbox): the route appends a delivery and acknowledges
// only after the append resolved; a worker claims, completes or fails entries. Async so a shared queue
// (BullMQ, docs/decisions.md §BullMQ inbox) implements the same port as the SQLite file of one instance.
// test/support/inbox-contract.ts holds every adapter to what is written here; where a shared inbox
// may answer differently, the comment says so and the contract checks only what both keep.

/** pending → processing → done; processing → pending (retry) or parked (gave up, kept for GET /parked). */
export type InboxStatus = "pending" | "processing" | "done" | "parked";

export type InboxEntry = {
  /** Names the entry for complete() and fail() while it is claimed; a shared inbox gives a retry a new id. */
  id: number;
  event: WebhookEvent;
  status: InboxStatus;
  /** Claims so far, this one included; a claim lost to a crash or an expired lease counts. */
  attempts: number;
  lastError: string | null;
  receivedAtMs: number;
  updatedAtMs: number;
};

/**
 * `duplicates`: events the inbox already knew. A shared inbox learns an event when it is claimed, so
 * a retry that arrives before the first delivery was claimed counts as stored and is dropped at claim:
 * either way an event is handed out once.
 */
export type AppendResult = { stored: number; duplicates: number };

export interface Inbox {
  /**
   * Stores one delivery atomically: resolved means every event is stored durably, rejected means none
   * is. Events already held (same dedupe key, done ones included until purged) are skipped.
   */
  append(events: readonly WebhookEvent[]): Promise<AppendResult>;
  /**
   * Up to `limit` claimable entries, oldest first, marked processing; an event is handed out once
   * until it is failed or its claim is lost (the holder died or closed, or its lease ran out). A
   * shared inbox queues an event it hands out again (a retry, a lost claim) behind those waiting.
   */
  claim(limit: number): Promise<InboxEntry[]>;
  /** Entries not claimed here, or settled already, are ignored. */
  complete(ids: readonly number[]): Promise<void>;
  /**
   * Retry at `retryAtMs` (default: the inbox's backoff), or park once the attempts are used up;
   * rejects for an entry not claimed here. A shared inbox hands a failed event out again once every
   * event claimed with it from the same delivery is settled.
   */
  fail(id: number, error: string, retryAtMs?: number): Promise<"pending" | "parked">;
  /** Parked entries of a portal, oldest first (at most `limit`, default 1,000): GET /parked. */
  parked(portalId: number, limit?: number): Promise<InboxEntry[]>;
  /** Deletes entries done more than `olderThanMs` ago; returns how many (a shared inbox: deliveries). */
  purgeDone(olderThanMs?: number): Promise<number>;
  /** Entries by status; a shared inbox counts deliveries except for parked, which are events. */
  counts(): Promise<Record<InboxStatus, number>>;
  /** When the oldest entry not yet done or parked arrived (the worker's lag, /metrics); null when none. */
  oldestOpenReceivedAtMs(): Promise<number | null>;
  /**
   * Keeps what was appended, and gives back what is claimed and not settled: the next inbox opened on
   * the same store hands it out again. A shared inbox gives back a whole delivery, events completed
   * already included (rescoring them again is harmless).
   */
  close(): Promise<void>;
}
