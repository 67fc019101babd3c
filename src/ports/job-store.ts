// Background jobs of a portal (docs/decisions.md §Background jobs): retroactive rescoring, whole-portal
// previews, a score's first performance snapshot (docs/decisions.md §Score performance) and suggested
// scores.

export type JobKind = "rescore" | "preview" | "performance" | "suggest";
/**
 * "paused": the portal is disconnected (docs/decisions.md §Disconnected portals pause); the job
 * keeps its cursor and runs again after a reinstall (JobRunner.resumePortal) or a restart.
 */
export type JobStatus = "queued" | "running" | "paused" | "done" | "failed";

export type JobProgress = {
  /** Records done so far. */
  done: number;
  /** Every record the job will go through, as HubSpot counted them at its start; null while unknown. */
  total: number | null;
  /**
   * Records a second since the job last started (a resume starts afresh), and the seconds left at
   * that rate; null until measurable. Absent on jobs saved before they were measured.
   */
  ratePerSec?: number | null;
  etaSec?: number | null;
};

export type Job = {
  id: string;
  portalId: number;
  kind: JobKind;
  scoreId: string;
  status: JobStatus;
  progress: JobProgress;
  /** Paging cursor of the next page, so a restarted job resumes where it stopped. */
  cursor: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  /** What the job produced (a preview's figures), once done. */
  result?: unknown;
  error?: string;
  /** The AppError code of the error that ended the job ("forbidden": a missing scope, …), when it has one. */
  errorCode?: string;
  /**
   * Set while a running job waits out HubSpot (429s, 5xx, timeouts, unreachable) before resuming
   * from its cursor: until when, and why (job-wait.ts).
   */
  waiting?: { untilMs: number; reason: string };
  /** What the job works on, fixed when it starts (for a preview: the definition tried). */
  input?: unknown;
};

export interface JobStore {
  get(portalId: number, jobId: string): Promise<Job | undefined>;
  save(job: Job): Promise<void>;
  /** Jobs not finished (queued, running or paused), across portals: resumed at start-up. */
  unfinished(): Promise<Job[]>;
  /** The score's last job of this kind that ended (done or failed): the overview's "last run". */
  lastFinished(portalId: number, scoreId: string, kind: JobKind): Promise<Job | undefined>;
  deletePortal(portalId: number): Promise<void>;
}
