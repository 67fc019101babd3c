import { randomUUID } from "node:crypto";
import { type Job, Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import type { Inbox, InboxEntry, InboxStatus } from "../../ports/inbox.js";
import { DONE_RETENTION_MS, exponentialBackoffMs } from "./sqlite-inbox.js";

// The webhook inbox on BullMQ (issue 6, "When one machine is not enough"): with REDIS_URL every app
// instance appends to and claims from one queue, so a delivery acknowledged by one instance may be
// rescored by another, and an instance that dies leaves its claims to the others.
//
// One BullMQ job per event, as one row per event in SQLite: a poison event fails and is parked alone.
// - append: one addBulk = one MULTI/EXEC, so a delivery is stored whole or not at all; BullMQ's
//   deduplication id (the event's dedupe key, kept 48 h like SQLite's done rows) skips retries.
// - claim: BullMQ's manual processing (getNextJob with this inbox's token). The claim is a lock of
//   `lockMs`, renewed while the worker holds the entry; a dead instance's locks expire and BullMQ's
//   stalled check hands its entries out again (the lease of the SQLite inbox).
// - fail: moveToFailed with our backoff (or the worker's retry time); after `maxAttempts` the job
//   stays in BullMQ's failed set, which is what GET /parked lists.
// Durability is Redis's: run it with --appendonly yes (an acknowledged event survives a restart of
// Redis and kill -9 of the app); appendfsync always for power loss, as QUEUE_FSYNC=1 is for SQLite.

type EventJob = Job<EventJobData, null, "event">;
type EventJobData = { event: WebhookEvent; receivedAtMs: number };

export type BullmqInboxOptions = {
  /** REDIS_URL. */
  url: string;
  /** Key prefix in Redis (BullMQ's `prefix`); tests use one per test. */
  prefix?: string;
  queueName?: string;
  now?: () => number;
  maxAttempts?: number;
  /** How long a claim holds an entry without renewal; renewed every third of it while held. */
  lockMs?: number;
  /** Hears connection and script errors (the app logs them); BullMQ would print them to stderr. */
  onError?: (error: Error) => void;
  /** How often this instance looks for entries whose claim expired (another instance died). */
  stalledCheckMs?: number;
  backoffMs?: (attempts: number) => number;
};

/** A failure that knows when to retry (the worker's retry time), read by the backoff strategy. */
class RetryAt extends Error {
  constructor(
    message: string,
    readonly retryAtMs: number | undefined,
  ) {
    super(message);
  }
}

/** BullMQ refuses to act on a job whose lock this instance lost (it stalled and was handed out again). */
const lostLock = (error: unknown) =>
  error instanceof Error && /lock|Missing key for job/i.test(error.message);

/** Opens the shared inbox; resolves once Redis answered, so a bad REDIS_URL fails at start-up. */
export async function openBullmqInbox(options: BullmqInboxOptions): Promise<Inbox> {
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 8;
  const lockMs = options.lockMs ?? 60_000;
  const backoffMs = options.backoffMs ?? exponentialBackoffMs;
  const name = options.queueName ?? "webhook-inbox";
  const prefix = options.prefix ?? "lead-score";
  // BullMQ needs maxRetriesPerRequest: null on the connections it blocks on (its docs, "Connections").
  const connection = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: true });
  await connection.connect();
  const queue = new Queue<EventJobData, null, "event">(name, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: maxAttempts,
      backoff: { type: "inbox" },
      // Seconds here: done entries are kept 48 h like the SQLite inbox's; parked ones until purged.
      removeOnComplete: { age: DONE_RETENTION_MS / 1000 },
      removeOnFail: false,
      stackTraceLimit: 0,
    },
  });
  const worker = new Worker<EventJobData, null, "event">(name, null, {
    connection,
    prefix,
    autorun: false,
    lockDuration: lockMs,
    stalledInterval: options.stalledCheckMs ?? lockMs / 2,
    // A claim lost to a crash counts as an attempt, as in SQLite: an event that kills every instance
    // that takes it ends in the failed set instead of killing them forever.
    maxStalledCount: maxAttempts,
    settings: {
      backoffStrategy: (attempts: number, _type?: string, error?: Error) =>
        error instanceof RetryAt && error.retryAtMs !== undefined
          ? Math.max(1, error.retryAtMs - now())
          : backoffMs(attempts),
    },
  });
  const onError = options.onError ?? (() => undefined);
  queue.on("error", onError);
  worker.on("error", onError);
  await worker.startStalledCheckTimer();
  const token = randomUUID();
  const held = new Map<number, EventJob>();

  const renew = setInterval(() => {
    for (const job of held.values()) void job.extendLock(token, lockMs).catch(() => undefined);
  }, lockMs / 3);
  renew.unref();

  const dedupeKey = (event: WebhookEvent) => `${queue.keys.de}:${event.dedupeKey}`;
  const toEntry = (job: EventJob, status: InboxStatus): InboxEntry => ({
    id: Number(job.id),
    event: job.data.event,
    status,
    attempts: status === "parked" ? job.attemptsMade : job.attemptsStarted,
    lastError: job.failedReason || null,
    receivedAtMs: job.data.receivedAtMs,
    updatedAtMs: job.finishedOn ?? job.processedOn ?? job.timestamp,
  });
  const heldJob = (id: number) => {
    const job = held.get(id);
    if (!job) throw new Error(`inbox entry ${id} is not being processed here: claim it before settling it`);
    held.delete(id);
    return job;
  };

  return {
    async append(events) {
      // Advisory: the counts in the answer. The de-duplication itself is the atomic add below.
      const known = await Promise.all(events.map((e) => connection.exists(dedupeKey(e))));
      const receivedAtMs = now();
      await queue.addBulk(
        events.map((event) => ({
          name: "event" as const,
          data: { event, receivedAtMs },
          opts: { deduplication: { id: event.dedupeKey, ttl: DONE_RETENTION_MS } },
        })),
      );
      const duplicates = known.filter((n) => n > 0).length;
      return { stored: events.length - duplicates, duplicates };
    },
    async claim(limit) {
      const claimed: EventJob[] = [];
      // Parallel fetches in rounds: one round trip per round rather than per entry.
      while (claimed.length < limit) {
        const round = Math.min(50, limit - claimed.length);
        const jobs = await Promise.all(
          Array.from({ length: round }, () => worker.getNextJob(token, { block: false })),
        );
        const got = jobs.filter((job): job is EventJob => job !== undefined);
        claimed.push(...got);
        if (got.length < round) break;
      }
      for (const job of claimed) held.set(Number(job.id), job);
      return claimed.map((job) => toEntry(job, "processing")).sort((a, b) => a.id - b.id);
    },
    async complete(ids) {
      // As in SQLite, completing an entry not held here (completed already) changes nothing.
      const jobs = ids.flatMap((id) => (held.has(id) ? [heldJob(id)] : []));
      await Promise.all(
        jobs.map((job) =>
          job.moveToCompleted(null, token, false).catch((error: unknown) => {
            // Another instance has it now and will rescore it again: harmless, rescoring is idempotent.
            if (!lostLock(error)) throw error;
          }),
        ),
      );
    },
    async fail(id, error, retryAtMs) {
      const job = heldJob(id);
      const parked = job.attemptsMade + 1 >= maxAttempts;
      await job.moveToFailed(new RetryAt(error, retryAtMs), token, false).catch((failure: unknown) => {
        if (!lostLock(failure)) throw failure;
      });
      return parked ? "parked" : "pending";
    },
    async parked(portalId, limit = 1000) {
      const found: InboxEntry[] = [];
      for (let start = 0; found.length < limit; start += 500) {
        const page = (await queue.getJobs(["failed"], start, start + 499, true)) as EventJob[];
        for (const job of page)
          if (job.data.event.portalId === portalId && found.length < limit)
            found.push(toEntry(job, "parked"));
        if (page.length < 500) break;
      }
      return found;
    },
    async purgeDone(olderThanMs = DONE_RETENTION_MS) {
      return (await queue.clean(olderThanMs, 0, "completed")).length;
    },
    async counts() {
      const c = await queue.getJobCounts("wait", "prioritized", "delayed", "active", "completed", "failed");
      return {
        pending: (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0),
        processing: c.active ?? 0,
        done: c.completed ?? 0,
        parked: c.failed ?? 0,
      };
    },
    async oldestOpenReceivedAtMs() {
      const oldest = await Promise.all(
        (["wait", "prioritized", "delayed", "active"] as const).map(
          async (type) => (await queue.getJobs([type], 0, 0, true)) as EventJob[],
        ),
      );
      const times = oldest.flat().map((job) => job.data.receivedAtMs);
      return times.length > 0 ? Math.min(...times) : null;
    },
    async close() {
      clearInterval(renew);
      // What this instance still holds goes back to the queue now, for another instance or a restart,
      // rather than after its lock expires.
      await Promise.all([...held.values()].map((job) => job.moveToWait(token).catch(() => undefined)));
      held.clear();
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
