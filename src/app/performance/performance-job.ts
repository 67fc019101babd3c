import { AppError } from "../../errors.js";
import type { Job, JobStore } from "../../ports/job-store.js";
import type { JobHandler } from "../jobs/job-runner.js";
import type { JobHandlerDeps, StartJob } from "../scores/scores-deps.js";
import { buildPerformanceSnapshot } from "./performance-snapshot.js";
import { requirePerformanceTarget } from "./performance-target.js";

// The "performance" job: a score's first performance snapshot, with its progress (records summarised of
// those with a history), like a rescore job's (docs/decisions.md §Score performance). A build cut short
// starts again from the beginning: a snapshot half built is never read.

export function createPerformanceJob(deps: JobHandlerDeps): JobHandler {
  return async (job, report) => {
    const store = deps.performanceSnapshots;
    if (!store) throw new AppError("invalid_input", "this app keeps no performance snapshots");
    const { target } = await requirePerformanceTarget(deps, job.portalId, job.scoreId);
    const records = await buildPerformanceSnapshot(
      { records: deps.records, performanceSnapshots: store, now: deps.now },
      job.portalId,
      job.scoreId,
      target,
      (done, total) => report({ progress: { done, total }, cursor: null }),
    );
    return { records };
  };
}

/** The score's build under way, or a new one: one build per score at a time. */
export async function startPerformanceBuild(
  deps: { jobs: Pick<JobStore, "unfinished">; startJob: StartJob },
  portalId: number,
  scoreId: string,
): Promise<Job> {
  const running = (await deps.jobs.unfinished()).find(
    (job) => job.portalId === portalId && job.scoreId === scoreId && job.kind === "performance",
  );
  return running ?? deps.startJob(portalId, "performance", scoreId);
}
