// Where background jobs wait to run (rescores and previews, docs/decisions.md §Background jobs): this process
// by default (src/adapters/queue/local-job-queue.ts) or, with REDIS_URL, a BullMQ queue every instance takes from
// (src/adapters/queue/bullmq-job-queue.ts). The job store stays the record of progress and results.

/** A job to run, by reference: whoever runs it reads the stored job (job-runner.ts). */
export type JobRef = { portalId: number; jobId: string };

/**
 * test/support/job-queue-contract.ts holds both adapters to what is written here. `run` (the
 * runner's) is called for each job, at most the adapter's concurrency at once, oldest first; a run
 * that rejects ends that job only.
 */
export type JobQueue = {
  /** Queues a job; false when it is already queued or running. A job that ended may be queued again. */
  enqueue(ref: JobRef): Promise<boolean>;
  /** Resolves when no job is queued or running. */
  onIdle(): Promise<void>;
  /**
   * Starts no more jobs here and resolves without waiting for the running ones, which resume from
   * their last saved page later. Jobs still queued stay queued for the other instances of a shared
   * queue; a local queue drops them, and the job store queues them again at the next start.
   */
  close(): Promise<void>;
};
