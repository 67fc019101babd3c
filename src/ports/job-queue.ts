// Where background jobs wait to run (rescores and previews, docs/decisions.md §Background jobs): this process
// by default (src/app/jobs/local-job-queue.ts) or, with REDIS_URL, a BullMQ queue every instance takes from
// (src/adapters/queue/bullmq-job-queue.ts). The job store stays the record of progress and results.

/** A job to run, by reference: whoever runs it reads the stored job (job-runner.ts). */
export type JobRef = { portalId: number; jobId: string };

export type JobQueue = {
  /** Queues a job; false when it is already queued or running. */
  enqueue(ref: JobRef): Promise<boolean>;
  /** Resolves when no job is queued or running. */
  onIdle(): Promise<void>;
  close(): Promise<void>;
};
