// Background jobs of a portal (issue 4): retroactive rescoring and whole-portal previews.

export type JobKind = "rescore" | "preview";
/**
 * "paused": the portal is disconnected (issue 3: its work pauses without being dropped); the job
 * keeps its cursor and runs again after a reinstall (JobRunner.resumePortal) or a restart.
 */
export type JobStatus = "queued" | "running" | "paused" | "done" | "failed";

export type Job = {
  id: string;
  portalId: number;
  kind: JobKind;
  scoreId: string;
  status: JobStatus;
  /** Records done so far, and the total when HubSpot said it (null while unknown). */
  progress: { done: number; total: number | null };
  /** Paging cursor of the next page, so a restarted job resumes where it stopped. */
  cursor: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  /** What the job produced (a preview's figures), once done. */
  result?: unknown;
  error?: string;
  /** What the job works on, fixed when it starts (for a preview: the definition tried). */
  input?: unknown;
};

export interface JobStore {
  get(portalId: number, jobId: string): Promise<Job | undefined>;
  save(job: Job): Promise<void>;
  /** Jobs not finished (queued, running or paused), across portals: resumed at start-up. */
  unfinished(): Promise<Job[]>;
  deletePortal(portalId: number): Promise<void>;
}
