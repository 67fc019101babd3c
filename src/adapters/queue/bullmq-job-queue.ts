import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import type { JobQueue, JobRef } from "../../ports/job-queue.js";

// The job queue on BullMQ (REDIS_URL, docs/decisions.md §Background jobs): a rescore or preview started on
// one instance runs on whichever instance has room, and a job whose instance dies is taken over by another
// once its lock expires (BullMQ's stalled check); it then resumes from its last saved page (job-runner.ts).
// The job store stays the record of progress and results: BullMQ only holds who runs what.

export type BullmqJobQueueOptions = {
  url: string;
  prefix?: string;
  queueName?: string;
  /** Jobs this instance runs at once. */
  concurrency?: number;
  /** Lock of a running job, renewed by BullMQ while it runs; how soon a dead instance's job moves on. */
  lockMs?: number;
  /** Hears connection and script errors (the app logs them); BullMQ would print them to stderr. */
  onError?: (error: Error) => void;
  /** How often this instance looks for jobs whose lock expired. */
  stalledCheckMs?: number;
  /** How often onIdle() looks at the queue. */
  idlePollMs?: number;
};

/**
 * The BullMQ job queue; its worker starts taking jobs at once. Synchronous, to fit the job runner's
 * construction: the inbox, opened first with the same REDIS_URL, is what fails fast on a bad URL.
 */
export function createBullmqJobQueue(
  options: BullmqJobQueueOptions,
  run: (ref: JobRef) => Promise<void>,
): JobQueue {
  const name = options.queueName ?? "jobs";
  const prefix = options.prefix ?? "lead-score";
  const connection = new Redis(options.url, { maxRetriesPerRequest: null });
  const queue = new Queue<JobRef, void, "run">(name, {
    connection,
    prefix,
    // The job store keeps the outcome; a finished BullMQ job only has to be gone, so the same job id
    // can be queued again when a paused job resumes.
    defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
  });
  const worker = new Worker<JobRef, void, "run">(name, async (job) => run(job.data), {
    connection,
    prefix,
    concurrency: options.concurrency ?? 2,
    lockDuration: options.lockMs ?? 30_000,
    stalledInterval: options.stalledCheckMs ?? (options.lockMs ?? 30_000) / 2,
    // A job is long (a whole portal) and checkpoints per page: a few lost instances should not end it.
    maxStalledCount: 10,
  });
  const onError = options.onError ?? (() => undefined);
  queue.on("error", onError);
  worker.on("error", onError);
  const open = async () => {
    const c = await queue.getJobCounts("wait", "prioritized", "delayed", "active");
    return (c.wait ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c.active ?? 0);
  };
  return {
    async enqueue(ref) {
      // Advisory, for the count of resumed jobs: the job id de-duplicates the add itself.
      const state = await (await queue.getJob(ref.jobId))?.getState();
      await queue.add("run", ref, { jobId: ref.jobId });
      return state === undefined || state === "unknown" || state === "completed" || state === "failed";
    },
    async onIdle() {
      while ((await open()) > 0)
        await new Promise((resolve) => setTimeout(resolve, options.idlePollMs ?? 50));
    },
    async close() {
      // force: a running job is not waited for; its lock expires and an instance resumes it.
      await worker.close(true);
      await queue.close();
      connection.disconnect();
    },
  };
}
