import type { Job } from "bullmq";
import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import type { InboxEntry } from "../../ports/inbox.js";

// What the BullMQ inbox (bullmq-inbox.ts) keeps per delivery: the job's data in Redis, and what this
// instance holds of a claimed job until each of its events is settled.

export type DeliveryData = {
  events: WebhookEvent[];
  receivedAtMs: number;
  /** The job the events arrived in; a retry job keeps it, so their dedupe marks stay theirs. */
  origin?: string;
  /** Attempts already failed before this job (0 for a delivery). */
  failures?: number;
  lastError?: string;
};
export type DeliveryJob = Job<DeliveryData, null, "delivery">;
export type Held = {
  job: DeliveryJob;
  entries: Map<number, InboxEntry>;
  /** Taken with the job, not handed out yet: a claim stops at its limit inside a delivery. */
  unclaimed: InboxEntry[];
  /** Handed out, not settled yet. */
  open: Set<number>;
  failed: Map<number, { error: string; retryAtMs: number }>;
};

/** Entry ids: a job's events are numbered below this (a 1 MB delivery holds fewer events). */
export const ENTRY_SPAN = 100_000;
/** Jobs of done deliveries kept for inspection; de-duplication rests on the 48 h marks, not on them. */
export const DONE_JOB_RETENTION_SEC = 3_600;

export type BullmqInboxOptions = {
  /** REDIS_URL. */
  url: string;
  /** Key prefix in Redis (BullMQ's `prefix`); tests use one per test. */
  prefix?: string;
  queueName?: string;
  now?: () => number;
  maxAttempts?: number;
  /** How long a claim holds a delivery without renewal; renewed every third of it while held. */
  lockMs?: number;
  /** Hears connection and script errors (the app logs them); BullMQ would print them to stderr. */
  onError?: (error: Error) => void;
  /** How often this instance looks for deliveries whose claim expired (another instance died). */
  stalledCheckMs?: number;
  backoffMs?: (attempts: number) => number;
};

/** BullMQ refuses to act on a job whose lock this instance lost (it stalled and was handed out again). */
export const lostLock = (error: unknown) =>
  error instanceof Error && /lock|Missing key for job/i.test(error.message);
