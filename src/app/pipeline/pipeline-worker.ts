import { RECORD_LOCK_MS } from "../rescore/record-key.js";
import { flushRecords } from "./flush-records.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { planEntries } from "./plan-entries.js";
import { createWorkerState } from "./worker-state.js";

// The webhook worker (docs/architecture.md §From webhook to written value): claims inbox entries in batches,
// fans them out to records, holds each record for COALESCE_MS from its first event (so a burst of changes to
// one record is one rescore), then rescores per (portal, object) and completes or fails the entries. Their
// life is in worker-state.ts; this file is the loop that drives it.

export type WorkerOptions = {
  /** How long a record waits for more events before it is rescored (COALESCE_MS). */
  coalesceMs: number;
  claimLimit?: number;
  /** Idle poll of the inbox; append() also wakes the worker. */
  idlePollMs?: number;
  /** Entries held in memory at most; beyond, claiming waits (back-pressure). */
  maxInFlight?: number;
  /** Rescore rounds running at once (default 4); the door paces their calls per portal. */
  maxFlushes?: number;
};

/** How soon a record held by another instance is looked at again. */
const LOCKED_RETRY_MS = 500;

export type PipelineWorker = {
  /** One round: claim and plan what is claimable, rescore what is due (and wait for that rescore). */
  tick(): Promise<void>;
  /** Rounds until nothing is claimable or held; `force` ignores the coalescing window. */
  drain(options?: { force?: boolean }): Promise<void>;
  start(): void;
  wake(): void;
  /** Stops claiming, rescores what is held at once, and resolves within `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
  held(): number;
};

export function createPipelineWorker(deps: PipelineDeps, options: WorkerOptions): PipelineWorker {
  const claimLimit = options.claimLimit ?? 500;
  const maxInFlight = options.maxInFlight ?? 5_000;
  const state = createWorkerState();
  let stopped = true;
  /** Set by stop(): no more claims, whoever asks. */
  let closing = false;
  let running: Promise<void> = Promise.resolve();
  let wakeUp: (() => void) | null = null;

  async function claim(): Promise<number> {
    if (closing || state.entries() >= maxInFlight) return 0;
    const claimed = (await deps.inbox.claim(claimLimit)).filter((e) => !state.isClaimed(e.id));
    if (claimed.length === 0) return 0;
    const dueAtMs = deps.now() + options.coalesceMs;
    const done: number[] = [];
    for (const { entry, targets, error } of await planEntries(deps, claimed)) {
      if (error !== undefined) {
        await deps.inbox
          .fail(entry.id, error)
          .catch((e) => deps.logger.error({ err: e }, "inbox fail() failed"));
        continue;
      }
      if (!state.hold(entry, targets, dueAtMs)) done.push(entry.id);
    }
    if (done.length > 0) await deps.inbox.complete(done);
    return claimed.length;
  }

  // Flushes run beside the claiming (the door paces the calls), at most `maxFlushes` at once. A record
  // being rescored is never rescored again at the same time: a second rescore could read before the
  // first writes and then overwrite it with older data; it stays held until the first is done.
  const flushing = new Set<Promise<void>>();
  async function flush(force: boolean): Promise<number> {
    const due = state.due(deps.now(), force, 1_000);
    if (due.length === 0) return 0;
    while (flushing.size >= (options.maxFlushes ?? 4)) await Promise.race(flushing);
    // The same rule for the timed tasks, jobs and, with REDIS_URL, other instances: a record one of
    // them is rescoring waits here a moment and is taken when it is done (rescore.ts, busy "held").
    const locks = deps.recordLocks;
    const taken = new Set(
      await locks.take(
        due.map((r) => r.key),
        RECORD_LOCK_MS,
      ),
    );
    state.postpone(
      due.filter((r) => !taken.has(r.key)),
      deps.now() + LOCKED_RETRY_MS,
    );
    const started = due.filter((r) => taken.has(r.key));
    if (started.length === 0) return 0;
    state.start(started);
    const run: Promise<void> = flushRecords(deps, started, state)
      .catch((error: unknown) => deps.logger.error({ err: error }, "flush failed"))
      .then(() => locks.release(started.map((r) => r.key)))
      .catch((error: unknown) => deps.logger.warn({ err: error }, "releasing record locks failed"))
      .finally(() => {
        state.release(started);
        flushing.delete(run);
        wakeUp?.();
      });
    flushing.add(run);
    return started.length;
  }
  const settle = () => Promise.all(flushing).then(() => undefined);

  const round = async (force = false) => (await claim()) + (await flush(force));
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const next = running.then(task);
    running = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  async function loop() {
    while (!stopped) {
      const worked = await exclusive(() => round()).catch((error: unknown) => {
        deps.logger.error({ err: error }, "pipeline worker round failed");
        return 0;
      });
      if (worked > 0 || stopped) continue;
      // Records being rescored wait for that flush, which wakes the loop when it ends.
      const waitMs = Math.max(0, Math.min(options.idlePollMs ?? 250, state.nextDueAtMs() - deps.now()));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    async tick() {
      await exclusive(() => round());
      await settle();
    },
    async drain({ force = false } = {}) {
      for (;;) {
        const worked = await exclusive(() => round(force));
        if (worked === 0 && flushing.size === 0) return;
        if (worked === 0) await settle();
      }
    },
    start() {
      if (!stopped) return;
      stopped = false;
      closing = false;
      void loop();
    },
    wake: () => wakeUp?.(),
    async stop(timeoutMs) {
      stopped = true;
      closing = true;
      wakeUp?.();
      // What is held is rescored now rather than after its window; what does not finish in time stays
      // "processing" in the inbox, which hands it out again after a restart (sqlite-inbox.ts).
      const finish = exclusive(async () => {
        while ((await flush(true)) > 0 || flushing.size > 0) await settle();
      });
      await Promise.race([finish, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    },
    held: () => state.heldRecords(),
  };
}
