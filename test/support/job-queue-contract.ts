import { expect, it, onTestFinished, vi } from "vitest";
import type { JobQueue, JobRef } from "../../src/ports/job-queue.js";

// What the job runner (src/app/jobs/job-runner.ts) relies on from every JobQueue
// (src/ports/job-queue.ts), whichever runs the jobs: this process (test/unit) or BullMQ shared by
// every instance (test/system). Jobs here are gates a test opens, so nothing depends on how fast
// the machine is; where a test looks for something that must not happen, a correct queue can never
// fail it, however long it waits.

export type OpenJobQueue = (
  run: (ref: JobRef) => Promise<void>,
  options: { concurrency: number },
) => JobQueue;

const ref = (jobId: string, portalId = 7): JobRef => ({ portalId, jobId });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Long enough for a queue that would wrongly start a job to have started it. */
const SETTLE_MS = 100;

/** Jobs that run until the test lets them end. */
function gatedJobs() {
  const started: JobRef[] = [];
  const ended: string[] = [];
  const gates = new Map<string, { end: () => void; fail: (error: Error) => void }>();
  const run = (job: JobRef) =>
    new Promise<void>((resolve, reject) => {
      started.push(job);
      gates.set(job.jobId, {
        end: () => {
          ended.push(job.jobId);
          resolve();
        },
        fail: reject,
      });
    });
  const gateOf = async (jobId: string) => {
    await vi.waitFor(() => expect(gates.has(jobId)).toBe(true), { timeout: 10_000, interval: 10 });
    const gate = gates.get(jobId) as { end: () => void; fail: (error: Error) => void };
    gates.delete(jobId);
    return gate;
  };
  return {
    run,
    started,
    ended,
    /** Ends a job once it has started. */
    end: async (jobId: string) => (await gateOf(jobId)).end(),
    /** Makes a job's run reject once it has started. */
    fail: async (jobId: string) => (await gateOf(jobId)).fail(new Error(`job ${jobId} failed`)),
    /** Waits until `count` jobs have started. */
    startedCount: (count: number) =>
      vi.waitFor(() => expect(started.length).toBeGreaterThanOrEqual(count), {
        timeout: 10_000,
        interval: 10,
      }),
    /** Ends whatever still runs (the end of a test). */
    endAll: () => {
      for (const gate of gates.values()) gate.end();
      gates.clear();
    },
  };
}

/** Registers the contract's tests in the caller's describe; `createOpen` is called once per test. */
export function jobQueueContract(createOpen: () => OpenJobQueue): void {
  function setUp(concurrency = 1) {
    const jobs = gatedJobs();
    const queue = createOpen()(jobs.run, { concurrency });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await queue.close();
    };
    onTestFinished(async () => {
      jobs.endAll();
      await close();
    });
    return { jobs, queue, close };
  }

  it("resolves onIdle at once when nothing is queued", async () => {
    const { queue } = setUp();
    await queue.onIdle();
  });

  it("runs a queued job with its reference, and onIdle waits for it to end", async () => {
    const { jobs, queue } = setUp();
    expect(await queue.enqueue(ref("a", 62515))).toBe(true);
    await jobs.startedCount(1);
    let idle = false;
    const idling = queue.onIdle().then(() => {
      idle = true;
    });
    await sleep(SETTLE_MS);
    expect(idle).toBe(false);
    await jobs.end("a");
    await idling;
    expect(jobs.started).toEqual([ref("a", 62515)]);
  });

  it("answers false for a job already queued or running, and runs it once", async () => {
    const { jobs, queue } = setUp(1);
    expect(await queue.enqueue(ref("a"))).toBe(true);
    await jobs.startedCount(1);
    expect(await queue.enqueue(ref("b"))).toBe(true);
    expect(await queue.enqueue(ref("a"))).toBe(false);
    expect(await queue.enqueue(ref("b"))).toBe(false);
    await jobs.end("a");
    await jobs.end("b");
    await queue.onIdle();
    expect(jobs.started.map((j) => j.jobId)).toEqual(["a", "b"]);
  });

  it("runs a job that ended again when it is queued again (a paused job resumed)", async () => {
    const { jobs, queue } = setUp();
    await queue.enqueue(ref("a"));
    await jobs.end("a");
    await queue.onIdle();
    expect(await queue.enqueue(ref("a"))).toBe(true);
    await jobs.end("a");
    await queue.onIdle();
    expect(jobs.ended).toEqual(["a", "a"]);
  });

  it("runs at most `concurrency` jobs at once, oldest first, the next one as soon as one ends", async () => {
    const { jobs, queue } = setUp(2);
    for (const id of ["a", "b", "c"]) await queue.enqueue(ref(id));
    await jobs.startedCount(2);
    await sleep(SETTLE_MS);
    expect(jobs.started.map((j) => j.jobId).sort()).toEqual(["a", "b"]);
    await jobs.end("b");
    await jobs.startedCount(3);
    expect(jobs.started[2]?.jobId).toBe("c");
    await jobs.end("a");
    await jobs.end("c");
    await queue.onIdle();
  });

  it("goes on after a job whose run rejects, and takes that job again later", async () => {
    const { jobs, queue } = setUp(1);
    await queue.enqueue(ref("a"));
    await queue.enqueue(ref("b"));
    await jobs.fail("a");
    await jobs.end("b");
    await queue.onIdle();
    expect(await queue.enqueue(ref("a"))).toBe(true);
    await jobs.end("a");
    await queue.onIdle();
    expect(jobs.ended).toEqual(["b", "a"]);
  });

  it("closes without waiting for the running job, and starts nothing more", async () => {
    const { jobs, queue, close } = setUp(1);
    await queue.enqueue(ref("a"));
    await queue.enqueue(ref("b"));
    await jobs.startedCount(1);
    // Resolving while "a" still runs: a close that waited for it would never return here.
    await close();
    jobs.endAll();
    await sleep(SETTLE_MS);
    expect(jobs.started.map((j) => j.jobId)).toEqual(["a"]);
  });
}
