import type { JobProgress } from "../../ports/job-store.js";

/** When the current run of a job began, and how many records were already done then. */
export type JobRunStart = { startedAtMs: number; doneAtStart: number };

/**
 * A job's progress with its rate and ETA. The rate counts only this run: a job resumed after a
 * restart would otherwise claim the records of its previous run as done in no time.
 */
export function buildJobProgress(
  reported: { done: number; total: number | null },
  run: JobRunStart,
  nowMs: number,
): JobProgress {
  const { done, total } = reported;
  const elapsedSec = (nowMs - run.startedAtMs) / 1000;
  const doneThisRun = done - run.doneAtStart;
  // Nothing to measure before this run's first records: a rate of 0 would read as a stall.
  const ratePerSec =
    elapsedSec > 0 && doneThisRun > 0 ? Math.round((doneThisRun / elapsedSec) * 100) / 100 : null;
  // Records created during the job can carry done past the total counted at its start.
  const remaining = total === null ? null : Math.max(0, total - done);
  const etaSec =
    remaining === 0 ? 0 : remaining === null || !ratePerSec ? null : Math.ceil(remaining / ratePerSec);
  return { done, total, ratePerSec, etaSec };
}
