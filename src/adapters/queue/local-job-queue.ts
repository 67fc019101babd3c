import PQueue from "p-queue";
import type { JobQueue, JobRef } from "../../ports/job-queue.js";

/** Jobs in this process, `concurrency` at a time (two unless told); one instance only. */
export function createLocalJobQueue(run: (ref: JobRef) => Promise<void>, concurrency = 2): JobQueue {
  const queue = new PQueue({ concurrency });
  // Ids queued or running here, so a resume racing another (reinstall during start-up) runs a job once.
  const active = new Set<string>();
  return {
    async enqueue(ref) {
      if (active.has(ref.jobId)) return false;
      active.add(ref.jobId);
      // A run that rejects (the job store failed while saving the outcome) ends that job only, as a
      // failed BullMQ job does: an unhandled rejection would stop the process and every other job.
      // The job is still unfinished in the store, so the next start resumes it (resumeUnfinished).
      void queue.add(() => run(ref).finally(() => active.delete(ref.jobId))).catch(() => undefined);
      return true;
    },
    onIdle: () => queue.onIdle(),
    async close() {
      queue.pause();
      queue.clear();
    },
  };
}
