import PQueue from "p-queue";

/** A job to run, by reference: whoever runs it reads the stored job (job-runner.ts). */
export type JobRef = { portalId: number; jobId: string };

/** Where jobs wait to run: this process (below) or, with REDIS_URL, a BullMQ queue (bullmq-job-queue.ts). */
export type JobQueue = {
  /** Queues a job; false when it is already queued or running. */
  enqueue(ref: JobRef): Promise<boolean>;
  /** Resolves when no job is queued or running. */
  onIdle(): Promise<void>;
  close(): Promise<void>;
};

/** Jobs in this process, `concurrency` at a time; one instance only. */
export function createLocalJobQueue(run: (ref: JobRef) => Promise<void>, concurrency: number): JobQueue {
  const queue = new PQueue({ concurrency });
  // Ids queued or running here, so a resume racing another (reinstall during start-up) runs a job once.
  const active = new Set<string>();
  return {
    async enqueue(ref) {
      if (active.has(ref.jobId)) return false;
      active.add(ref.jobId);
      void queue.add(() => run(ref).finally(() => active.delete(ref.jobId)));
      return true;
    },
    onIdle: () => queue.onIdle(),
    async close() {
      queue.pause();
      queue.clear();
    },
  };
}
