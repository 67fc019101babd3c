import type { Logger } from "pino";
import type { RecordLocks } from "../../ports/cluster-locks.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { DueIndex } from "../../ports/due-index.js";
import type { FeedEventStore, FeedName } from "../../ports/feed-event-store.js";
import type { Inbox } from "../../ports/inbox.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { PollStateStore } from "../../ports/poll-state-store.js";
import type { RecordStore } from "../../ports/record-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { SourceStatusStore } from "../../ports/source-status-store.js";
import type { PipelineMetrics } from "./pipeline-metrics.js";

/** What every part of the pipeline shares; built once in compose-pipeline.ts. */
export type PipelineDeps = {
  inbox: Inbox;
  installations: InstallationStore;
  scores: ScoreStore;
  records: RecordStore;
  dueIndex: DueIndex;
  pollState: PollStateStore;
  /** The portal-wide feeds' events per contact, cursors and errors (docs/decisions.md §Portal-wide feeds). */
  feeds: FeedEventStore;
  /** Runs a feed's poll now, joining one in progress (a roll-up property said it has news). */
  requestFeedPoll?: (feed: FeedName) => void;
  /** Each event source's last problem per portal (docs/decisions.md §Sources status). */
  sourceStatus?: SourceStatusStore;
  crmFor: (portalId: number) => CrmClient;
  logger: Logger;
  now: () => number;
  metrics: PipelineMetrics;
  /** A record is rescored by one task at a time: in this process, or with REDIS_URL on every instance. */
  recordLocks: RecordLocks;
  /** True once stop() began: long loops (sweep, poller) end at their next page. */
  stopping: () => boolean;
};
