import { randomUUID } from "node:crypto";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import type { Inbox, InboxEntry } from "../../ports/inbox.js";
import {
  type BullmqInboxOptions,
  type DeliveryData,
  type DeliveryJob,
  DONE_JOB_RETENTION_SEC,
  ENTRY_SPAN,
  type Held,
  lostLock,
} from "./bullmq-delivery.js";
import { CLAIM_EVENTS_LUA } from "./bullmq-inbox-lua.js";
import { createParkedEvents } from "./bullmq-parked-events.js";
import { DONE_RETENTION_MS, exponentialBackoffMs } from "./sqlite-inbox.js";

// The webhook inbox on BullMQ (docs/decisions.md §BullMQ inbox): with REDIS_URL every app
// instance appends to and claims from one queue, so a delivery acknowledged by one instance may be
// rescored by another, and an instance that dies leaves its claims to the others.
//
// One BullMQ job per delivery, not per event: BullMQ spends ~40 µs of client CPU and a Lua script per
// job, so per-event jobs held intake at ~125 deliveries/s per instance and Redis itself at a few
// hundred; a job per delivery is one add. Events still succeed, fail and park one by one:
// - append: one add, atomic, so a delivery is stored whole or not at all.
// - claim: BullMQ's manual processing (getNextJob under this inbox's token, a lock renewed while the
//   entries are held; a dead instance's locks expire and BullMQ's stalled check hands its jobs out
//   again). Each event is an entry `jobId × 100,000 + index`; a claim hands out at most its limit
//   and keeps the rest of a delivery for the next claim here. De-duplication happens here: one Lua
//   script marks each event's dedupe key as this job's for 48 h (longer than HubSpot retries, docs/hubspot.md §Webhook delivery);
//   an event another job marked first is a duplicate and is dropped.
// - settle: once every entry of a job is completed or failed, the failed ones go back as one retry job
//   (delayed to their retry time, keeping the original job's marks) or, out of attempts, to the parked
//   set of their portal (GET /parked); then the job completes.
// Durability is Redis's: run it with --appendonly yes (an acknowledged event survives a restart of
// Redis and kill -9 of the app); appendfsync always for power loss, as QUEUE_FSYNC=1 is for SQLite.

/** Opens the shared inbox; resolves once Redis answered, so a bad REDIS_URL fails at start-up. */
export type { BullmqInboxOptions };

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
  const queue = new Queue<DeliveryData, null, "delivery">(name, {
    connection,
    prefix,
    // Retries are ours (per event, below), so BullMQ tries a job once.
    defaultJobOptions: {
      attempts: 1,
      removeOnComplete: { age: DONE_JOB_RETENTION_SEC },
      removeOnFail: false,
    },
  });
  const worker = new Worker<DeliveryData, null, "delivery">(name, null, {
    connection,
    prefix,
    autorun: false,
    lockDuration: lockMs,
    stalledInterval: options.stalledCheckMs ?? lockMs / 2,
    // A claim lost to a crash counts as an attempt, as in SQLite: a delivery that kills every instance
    // that takes it ends in the failed set (listed as parked) instead of killing them forever.
    maxStalledCount: maxAttempts,
  });
  const onError = options.onError ?? (() => undefined);
  queue.on("error", onError);
  worker.on("error", onError);
  await worker.startStalledCheckTimer();
  const token = randomUUID();
  const keyBase = `${prefix}:${name}`;
  const parkedEvents = createParkedEvents(connection, keyBase);
  const held = new Map<string, Held>();

  const renew = setInterval(() => {
    for (const { job } of held.values()) void job.extendLock(token, lockMs).catch(() => undefined);
  }, lockMs / 3);
  renew.unref();

  const markKey = (event: WebhookEvent) => `${keyBase}:seen:${event.dedupeKey}`;
  const attemptsOf = (job: DeliveryJob) => (job.data.failures ?? 0) + Math.max(1, job.attemptsStarted);
  const heldOf = (entryId: number) => held.get(String(Math.floor(entryId / ENTRY_SPAN)));

  /** The job's events this job owns: first to mark them, or marked by its origin (a retry). */
  async function ownedIndexes(job: DeliveryJob): Promise<number[]> {
    const firsts = new Map<string, number>();
    job.data.events.forEach((event, index) => {
      if (!firsts.has(event.dedupeKey)) firsts.set(event.dedupeKey, index);
    });
    const indexes = [...firsts.values()];
    if (indexes.length === 0) return [];
    const keys = indexes.map((i) => markKey(job.data.events[i] as WebhookEvent));
    const owner = job.data.origin ?? String(job.id);
    const owned = (await connection.eval(
      CLAIM_EVENTS_LUA,
      keys.length,
      ...keys,
      owner,
      DONE_RETENTION_MS,
    )) as number[];
    return indexes.filter((_, i) => owned[i] === 1);
  }

  function hold(job: DeliveryJob, indexes: readonly number[]): Held {
    const base = Number(job.id) * ENTRY_SPAN;
    const attempts = attemptsOf(job);
    const entries = indexes.map(
      (index): InboxEntry => ({
        id: base + index,
        event: job.data.events[index] as WebhookEvent,
        status: "processing",
        attempts,
        lastError: job.data.lastError ?? null,
        receivedAtMs: job.data.receivedAtMs,
        updatedAtMs: now(),
      }),
    );
    const h: Held = {
      job,
      entries: new Map(entries.map((e) => [e.id, e])),
      unclaimed: entries,
      open: new Set(),
      failed: new Map(),
    };
    held.set(String(job.id), h);
    return h;
  }

  /** Hands out up to `count` of a held delivery's entries not handed out yet. */
  function handOut(h: Held, count: number): InboxEntry[] {
    const entries = h.unclaimed.splice(0, count);
    for (const e of entries) h.open.add(e.id);
    return entries;
  }

  const settled = (h: Held) => h.open.size === 0 && h.unclaimed.length === 0;

  /** Every entry of the job is settled: retry or park the failed ones, then complete the job. */
  async function settle(h: Held): Promise<void> {
    held.delete(String(h.job.id));
    const attempts = attemptsOf(h.job);
    const failed = [...h.failed].map(([id, failure]) => ({
      entry: h.entries.get(id) as InboxEntry,
      ...failure,
    }));
    if (attempts >= maxAttempts) {
      await parkedEvents.add(
        failed.map((f) => ({ ...f.entry, status: "parked", lastError: f.error, updatedAtMs: now() })),
      );
    } else {
      const byRetryTime = new Map<number, typeof failed>();
      for (const f of failed) byRetryTime.set(f.retryAtMs, [...(byRetryTime.get(f.retryAtMs) ?? []), f]);
      await queue.addBulk(
        [...byRetryTime].map(([retryAtMs, group]) => ({
          name: "delivery" as const,
          data: {
            events: group.map((f) => f.entry.event),
            receivedAtMs: h.job.data.receivedAtMs,
            origin: h.job.data.origin ?? String(h.job.id),
            failures: attempts,
            lastError: group[0]?.error ?? "",
          },
          opts: { delay: Math.max(0, retryAtMs - now()) },
        })),
      );
    }
    await h.job.moveToCompleted(null, token, false).catch((error: unknown) => {
      // Another instance has it now and will rescore it again: harmless, rescoring is idempotent.
      if (!lostLock(error)) throw error;
    });
  }

  return {
    async append(events) {
      // Advisory, for the answer: marks are set when an event is claimed, so a retry that arrives
      // before its first delivery was claimed counts as stored here and is dropped at claim.
      const duplicates = events.length === 0 ? 0 : await connection.exists(...events.map(markKey));
      await queue.add("delivery", { events: [...events], receivedAtMs: now() });
      return { stored: events.length - duplicates, duplicates };
    },
    async claim(limit) {
      // What earlier claims took and left first: those deliveries are older than any still queued.
      const claimed: InboxEntry[] = [];
      for (const h of held.values()) claimed.push(...handOut(h, limit - claimed.length));
      while (claimed.length < limit) {
        const job = (await worker.getNextJob(token, { block: false })) as DeliveryJob | undefined;
        if (!job) break;
        const indexes = await ownedIndexes(job);
        if (indexes.length === 0) await job.moveToCompleted(null, token, false);
        else claimed.push(...handOut(hold(job, indexes), limit - claimed.length));
      }
      return claimed;
    },
    async complete(ids) {
      // As in SQLite, completing an entry not held here (completed already) changes nothing.
      const touched = new Set<Held>();
      for (const id of ids) {
        const h = heldOf(id);
        if (h?.open.delete(id)) touched.add(h);
      }
      for (const h of touched) if (settled(h)) await settle(h);
    },
    async fail(id, error, retryAtMs) {
      const h = heldOf(id);
      if (!h?.open.delete(id))
        throw new Error(`inbox entry ${id} is not being processed here: claim it before failing it`);
      const attempts = attemptsOf(h.job);
      h.failed.set(id, { error, retryAtMs: retryAtMs ?? now() + backoffMs(attempts) });
      if (settled(h)) await settle(h);
      return attempts >= maxAttempts ? "parked" : "pending";
    },
    async parked(portalId, limit = 1000) {
      const ours = await parkedEvents.list(portalId, limit);
      if (ours.length >= limit) return ours;
      // Deliveries BullMQ failed itself: stalled more than maxAttempts times (they killed instances).
      const failedJobs = (await queue.getJobs(["failed"], 0, limit - 1, true)) as DeliveryJob[];
      const theirs = failedJobs.flatMap((job) =>
        job.data.events
          .map(
            (event, index): InboxEntry => ({
              id: Number(job.id) * ENTRY_SPAN + index,
              event,
              status: "parked",
              attempts: attemptsOf(job),
              lastError: job.failedReason || null,
              receivedAtMs: job.data.receivedAtMs,
              updatedAtMs: job.finishedOn ?? job.timestamp,
            }),
          )
          .filter((e) => e.event.portalId === portalId),
      );
      return [...ours, ...theirs].slice(0, limit);
    },
    async purgeDone(olderThanMs = DONE_RETENTION_MS) {
      return (await queue.clean(olderThanMs, 0, "completed")).length;
    },
    /** With REDIS_URL, pending, processing and done count deliveries (and retries); parked counts events. */
    async counts() {
      const c = await queue.getJobCounts("wait", "prioritized", "delayed", "active", "completed", "failed");
      return {
        pending: (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0),
        processing: c.active ?? 0,
        done: c.completed ?? 0,
        parked: (await parkedEvents.count()) + (c.failed ?? 0),
      };
    },
    async oldestOpenReceivedAtMs() {
      const oldest = await Promise.all(
        (["wait", "prioritized", "delayed", "active"] as const).map(
          async (type) => (await queue.getJobs([type], 0, 0, true)) as DeliveryJob[],
        ),
      );
      const times = oldest.flat().map((job) => job.data.receivedAtMs);
      return times.length > 0 ? Math.min(...times) : null;
    },
    async close() {
      clearInterval(renew);
      // What this instance still holds goes back to the queue now, for another instance or a restart,
      // rather than after its lock expires (entries already completed are rescored again: harmless).
      await Promise.all([...held.values()].map(({ job }) => job.moveToWait(token).catch(() => undefined)));
      held.clear();
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
