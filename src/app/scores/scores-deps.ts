import type { Logger } from "pino";
import type { RecordLocks } from "../../ports/cluster-locks.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { FeedEventStore } from "../../ports/feed-event-store.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { Job, JobKind } from "../../ports/job-store.js";
import type { PerformanceSnapshotStore } from "../../ports/performance-snapshot-store.js";
import type { RecordStore } from "../../ports/record-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { SourceStatusStore } from "../../ports/source-status-store.js";
import type { SuggestionStore } from "../../ports/suggestion-store.js";
import type { RescoreDeps } from "../rescore/rescore.js";

/** Starts a background job and returns it as first saved (see src/app/jobs/job-runner.ts). */
export type StartJob = (portalId: number, kind: JobKind, scoreId: string, input?: unknown) => Promise<Job>;

/** What the score use cases need; built once in the composition root. */
export type ScoresDeps = {
  scores: ScoreStore;
  installations: InstallationStore;
  records: RecordStore;
  crmFor: (portalId: number) => CrmClient;
  startJob: StartJob;
  now: () => number;
  logger: Logger;
  /** Shared with the pipeline: jobs and resets lower each record's next change there (rescore.ts). */
  dueIndex: RescoreDeps["dueIndex"];
  /** Shared with the pipeline: enable jobs and resets wait for a record another rescore holds. */
  recordLocks: RecordLocks;
  /** Contacts' stored marketing email events and form submissions, read by every evaluation. */
  feeds?: FeedEventStore;
  /** Each event source's last problem per portal (docs/decisions.md §Sources status); tests may leave it out. */
  sourceStatus?: SourceStatusStore;
  /**
   * Scores' performance snapshots (docs/decisions.md §Score performance); without it performance is
   * computed from every history on each request.
   */
  performanceSnapshots?: PerformanceSnapshotStore;
  /** Suggested drafts' evidence (docs/decisions.md §Suggested scores from HubSpot), deleted with their score. */
  suggestions?: SuggestionStore;
};

/** What a job's handler needs: the same, less startJob, so the handlers exist before the job runner. */
export type JobHandlerDeps = Omit<ScoresDeps, "startJob">;
