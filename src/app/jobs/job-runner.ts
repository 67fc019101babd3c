import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { AppError } from "../../errors.js";
import type { JobQueue, JobRef } from "../../ports/job-queue.js";
import type { Job, JobKind, JobStore } from "../../ports/job-store.js";
import type { StartJob } from "../scores/scores-deps.js";
import { buildJobProgress } from "./build-job-progress.js";
import { type JobWaitPolicy, jobWaitFor, standardJobWaitPolicy } from "./job-wait.js";

/**
 * Saves a job's progress; a handler calls it after every page so a restart resumes there. The
 * runner adds the rate and ETA (build-job-progress.ts): handlers only count.
 */
export type ReportProgress = (patch: {
  progress: { done: number; total: number | null };
  cursor: Job["cursor"];
}) => Promise<void>;
/** Runs one job to its end and returns its result (stored on the job). */
export type JobHandler = (job: Job, report: ReportProgress) => Promise<unknown>;

export type JobRunner = {
  start: StartJob;
  /** Picks up jobs a previous process left queued or running. */
  resumeUnfinished(): Promise<number>;
  /** Re-queues the portal's paused jobs (called after a successful reinstall); returns how many. */
  resumePortal(portalId: number): Promise<number>;
  /** Resolves when no job is queued or running (tests, shutdown). */
  onIdle(): Promise<void>;
  /** Stops taking jobs; a job running now is left to resume from its last page (another instance or a restart). */
  close(): Promise<void>;
};

/** Background jobs in this process, persisted in a JobStore so none is lost across restarts. */
export function createJobRunner(deps: {
  jobs: JobStore;
  handlers: Record<JobKind, JobHandler>;
  now: () => number;
  logger: Logger;
  /**
   * Where jobs wait, handed the function that runs one: this process's queue
   * (src/adapters/queue/local-job-queue.ts) or, with REDIS_URL, a BullMQ queue every instance takes from.
   */
  openQueue: (run: (ref: JobRef) => Promise<void>) => JobQueue;
  /** Waits out HubSpot between tries (job-wait.ts); tests inject a recording one. Ends early on close(). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  waitPolicy?: JobWaitPolicy;
}): JobRunner {
  const sleep = deps.sleep ?? abortableSleep;
  const random = deps.random ?? Math.random;
  const waitPolicy = deps.waitPolicy ?? standardJobWaitPolicy;
  // close() ends every wait at once: the job stays saved as running and resumes at the next start.
  const closing = new AbortController();
  const run = async (initial: Job) => {
    // A resumed job starts clean: the error that paused it, or the wait it was in, no longer applies.
    const { error: _paused, errorCode: _code, waiting: _waiting, ...resumed } = initial;
    let job: Job = { ...resumed, status: "running", updatedAtMs: deps.now() };
    const runStart = { startedAtMs: job.updatedAtMs, doneAtStart: job.progress.done };
    await deps.jobs.save(job);
    const log = deps.logger.child({
      portalId: job.portalId,
      jobId: job.id,
      kind: job.kind,
      scoreId: job.scoreId,
    });
    const report: ReportProgress = async ({ progress, cursor }) => {
      const nowMs = deps.now();
      job = { ...job, progress: buildJobProgress(progress, runStart, nowMs), cursor, updatedAtMs: nowMs };
      await deps.jobs.save(job);
    };
    // Tries since the job last moved forward: a storm that lasts grows the wait, progress resets it.
    let attempt = 0;
    let doneAtAttempt = job.progress.done;
    for (;;) {
      try {
        const result = await deps.handlers[job.kind](job, report);
        job = {
          ...job,
          status: "done",
          updatedAtMs: deps.now(),
          ...(result === undefined ? {} : { result }),
        };
        log.info({ done: job.progress.done }, "job done");
        break;
      } catch (error) {
        if (job.progress.done > doneAtAttempt) attempt = 0;
        doneAtAttempt = job.progress.done;
        attempt++;
        const wait = closing.signal.aborted ? null : jobWaitFor(error, attempt, waitPolicy, random);
        if (wait === null) {
          job = ended(job, error, log, deps.now());
          break;
        }
        const untilMs = deps.now() + wait.waitMs;
        job = { ...job, waiting: { untilMs, reason: wait.reason }, updatedAtMs: deps.now() };
        await deps.jobs.save(job);
        log.warn(
          { done: job.progress.done, cursor: job.cursor, waitMs: wait.waitMs, attempt, err: error },
          `job waiting for HubSpot (${wait.reason}); it resumes from its last page`,
        );
        await sleep(wait.waitMs, closing.signal);
        // Closed meanwhile: left saved as running (with its wait), so the next start resumes it.
        if (closing.signal.aborted) return;
        const { waiting: _over, ...resuming } = job;
        job = { ...resuming, updatedAtMs: deps.now() };
        await deps.jobs.save(job);
      }
    }
    await deps.jobs.save(job);
  };

  // The queue hands over a reference, not the job: on another instance, or after a wait, the stored
  // job is the truth (a job finished meanwhile is not run again).
  const runStored = async ({ portalId, jobId }: JobRef) => {
    const job = await deps.jobs.get(portalId, jobId);
    if (job && job.status !== "done" && job.status !== "failed") await run(job);
  };
  const queue = deps.openQueue(runStored);
  const enqueue = (job: Job) => queue.enqueue({ portalId: job.portalId, jobId: job.id });
  const enqueueAll = async (jobs: readonly Job[]) => {
    let queued = 0;
    for (const job of jobs) if (await enqueue(job)) queued++;
    return queued;
  };

  return {
    async start(portalId, kind, scoreId, input) {
      const atMs = deps.now();
      const job: Job = {
        id: randomUUID(),
        portalId,
        kind,
        scoreId,
        status: "queued",
        progress: { done: 0, total: null },
        cursor: null,
        createdAtMs: atMs,
        updatedAtMs: atMs,
        ...(input === undefined ? {} : { input }),
      };
      await deps.jobs.save(job);
      await enqueue(job);
      return job;
    },
    async resumeUnfinished() {
      return enqueueAll(await deps.jobs.unfinished());
    },
    async resumePortal(portalId) {
      const paused = (await deps.jobs.unfinished()).filter(
        (job) => job.portalId === portalId && job.status === "paused",
      );
      return enqueueAll(paused);
    },
    onIdle: () => queue.onIdle(),
    close: () => {
      closing.abort();
      return queue.close();
    },
  };
}

/** How a job ends on an error waiting cannot cure: paused for a disconnected portal, failed otherwise. */
function ended(job: Job, error: unknown, log: Logger, nowMs: number): Job {
  const message = error instanceof Error ? error.message : String(error);
  // docs/decisions.md §Disconnected portals pause: the saved cursor lets resumePortal (after a
  // reinstall) or a restart continue from the last page.
  const paused = error instanceof AppError && error.code === "disconnected";
  const code = error instanceof AppError ? { errorCode: error.code } : {};
  const { waiting: _waiting, ...rest } = job;
  if (paused) {
    log.warn(
      { done: job.progress.done, cursor: job.cursor, reason: error.details.reason },
      "job paused: the portal is disconnected; it resumes when the app is reinstalled",
    );
  } else log.error({ err: error }, "job failed");
  return { ...rest, status: paused ? "paused" : "failed", error: message, ...code, updatedAtMs: nowMs };
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
