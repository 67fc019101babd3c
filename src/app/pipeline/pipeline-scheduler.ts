import type { Logger } from "pino";
import type { TaskLocks } from "../../ports/cluster-locks.js";
import type { Scheduler } from "../../ports/scheduler.js";

// The pipeline's timed work (docs/architecture.md §Scheduled tasks): wall-clock schedules (decay every
// minute, the daily sweep and compaction, the hourly purge) and plain periods for POLL_INTERVAL_SEC-style
// intervals that need not divide an hour; the Scheduler port fires them. A task never overlaps itself.
// Tests call run(name) directly. With several instances (REDIS_URL) every instance schedules every task,
// and TaskLocks lets one of them run it per period: the others' triggers for that period find it running
// or just started.

export type ScheduledJob = {
  name: string;
  run: () => Promise<unknown>;
  /** `periodMs`: how often the cron expression fires, for the instances' gap (see TaskLocks). */
} & ({ cron: string; periodMs: number } | { everyMs: number });

/** Triggers of one period on different instances are at most this share of a period apart. */
const GAP_SHARE = 0.5;

export type PipelineScheduler = {
  start(): void;
  /** Stops triggering and waits for the runs in progress. */
  stop(): Promise<void>;
  /** Runs a task now (or joins the run in progress); what cron and the intervals call. */
  run(name: string): Promise<void>;
};

export function createPipelineScheduler(
  jobs: readonly ScheduledJob[],
  deps: { scheduler: Scheduler; logger: Logger; locks?: TaskLocks },
): PipelineScheduler {
  const { scheduler, logger, locks } = deps;
  const running = new Map<string, Promise<void>>();
  const stops: (() => void)[] = [];
  const byName = new Map(jobs.map((j) => [j.name, j]));

  function run(name: string): Promise<void> {
    const job = byName.get(name);
    if (!job) return Promise.reject(new Error(`no scheduled job named ${name}`));
    const current = running.get(name);
    if (current) return current;
    const started = Date.now();
    const gapMs = ("cron" in job ? job.periodMs : job.everyMs) * GAP_SHARE;
    const once = locks ? () => locks.runAlone(name, gapMs, job.run) : job.run;
    const promise = once()
      .then(
        (result) => logger.debug({ job: name, result, ms: Date.now() - started }, "scheduled job done"),
        (error: unknown) => logger.error({ job: name, err: error }, "scheduled job failed"),
      )
      .finally(() => running.delete(name));
    running.set(name, promise);
    return promise;
  }

  return {
    start() {
      for (const job of jobs) {
        const trigger = "cron" in job ? { cron: job.cron } : { everyMs: job.everyMs };
        stops.push(scheduler.schedule(job.name, trigger, () => void run(job.name)));
      }
    },
    async stop() {
      for (const stop of stops.splice(0)) stop();
      await Promise.all(running.values());
    },
    run,
  };
}
