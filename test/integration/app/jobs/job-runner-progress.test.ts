import { Keyv } from "keyv";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createLocalJobQueue } from "../../../../src/adapters/queue/local-job-queue.js";
import { createKeyvJobStore } from "../../../../src/adapters/stores/keyv-job-store.js";
import { createJobRunner, type JobHandler } from "../../../../src/app/jobs/job-runner.js";
import type { Job } from "../../../../src/ports/job-store.js";

// docs/decisions.md §Background jobs: GET /jobs/:jobId shows done/total, the rate and the ETA. The runner
// measures them from the time the job (re)started, on the clock it is given; the handler only counts.

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

/** 1,000 records a page out of 4,000, each page taking 5 s of the test clock. */
function pagesOfThousand(
  clock: { nowMs: number },
  seen: Job["progress"][],
  jobs: ReturnType<typeof createKeyvJobStore>,
): JobHandler {
  return async (job, report) => {
    let done = job.progress.done;
    while (done < 4_000) {
      clock.nowMs += 5_000;
      done += 1_000;
      await report({ progress: { done, total: 4_000 }, cursor: done < 4_000 ? String(done) : null });
      seen.push((await jobs.get(job.portalId, job.id))?.progress as Job["progress"]);
    }
    return { evaluated: done };
  };
}

/** A runner over `jobs` whose rescores are pagesOfThousand on a clock at T0; `seen` is their progress. */
function runnerOfPages(jobs: ReturnType<typeof createKeyvJobStore>) {
  const clock = { nowMs: T0 };
  const seen: Job["progress"][] = [];
  const runner = createJobRunner({
    jobs,
    handlers: {
      rescore: pagesOfThousand(clock, seen, jobs),
      preview: async () => ({}),
      performance: async () => ({}),
      suggest: async () => ({}),
    },
    now: () => clock.nowMs,
    logger: pino({ level: "silent" }),
    openQueue: (run) => createLocalJobQueue(run),
  });
  return { runner, seen };
}

describe("job progress", () => {
  it("saves the rate and the ETA with every page, down to 0 at the end", async () => {
    const jobs = createKeyvJobStore(new Keyv());
    const { runner, seen } = runnerOfPages(jobs);
    const job = await runner.start(7, "rescore", "lead");
    expect(job.progress).toEqual({ done: 0, total: null });
    await runner.onIdle();
    expect(seen).toEqual([
      { done: 1_000, total: 4_000, ratePerSec: 200, etaSec: 15 },
      { done: 2_000, total: 4_000, ratePerSec: 200, etaSec: 10 },
      { done: 3_000, total: 4_000, ratePerSec: 200, etaSec: 5 },
      { done: 4_000, total: 4_000, ratePerSec: 200, etaSec: 0 },
    ]);
    expect(await jobs.get(7, job.id)).toMatchObject({ status: "done", progress: { done: 4_000, etaSec: 0 } });
  });

  it("measures a resumed job from its restart, not from its creation", async () => {
    const jobs = createKeyvJobStore(new Keyv());
    // A job a previous process left running at 2,000 of 4,000, an hour ago.
    const left: Job = {
      id: "5b1f6f2e-6c1a-4a54-9d9e-0f6a4c1a2b3c",
      portalId: 7,
      kind: "rescore",
      scoreId: "lead",
      status: "running",
      progress: { done: 2_000, total: 4_000, ratePerSec: 1, etaSec: 2_000 },
      cursor: "2000",
      createdAtMs: T0 - 3_600_000,
      updatedAtMs: T0 - 3_000_000,
    };
    await jobs.save(left);
    const { runner, seen } = runnerOfPages(jobs);
    expect(await runner.resumeUnfinished()).toBe(1);
    await runner.onIdle();
    expect(seen[0]).toEqual({ done: 3_000, total: 4_000, ratePerSec: 200, etaSec: 5 });
  });
});
