import type { Router } from "express";
import type { Logger } from "pino";
import { createLocalRecordLocks } from "../adapters/coordination/local-record-locks.js";
import { DONE_RETENTION_MS } from "../adapters/queue/sqlite-inbox.js";
import { createNodeCronScheduler } from "../adapters/scheduling/node-cron-scheduler.js";
import { pollEmailEvents, pollFormSubmissions, pollWebEvents } from "../app/feeds/feed-polls.js";
import { compactHistory } from "../app/pipeline/compact-history.js";
import type { PipelineDeps } from "../app/pipeline/pipeline-deps.js";
import { createPipelineMetrics, type PipelineMetrics } from "../app/pipeline/pipeline-metrics.js";
import { createPipelineScheduler, type PipelineScheduler } from "../app/pipeline/pipeline-scheduler.js";
import { createPipelineWorker, type PipelineWorker } from "../app/pipeline/pipeline-worker.js";
import { pollListMemberships } from "../app/pipeline/poll-list-memberships.js";
import { pollModifiedRecords } from "../app/pipeline/poll-modified-records.js";
import { rescoreDueRecords } from "../app/pipeline/rescore-due-records.js";
import { sweepRecords } from "../app/pipeline/sweep-records.js";
import { createParkedRoutes } from "../http/admin-api/parked-routes.js";
import { createMetricsRoutes } from "../http/metrics-routes.js";
import { createWebhookRoutes } from "../http/webhook-routes.js";
import type { RecordLocks, TaskLocks } from "../ports/cluster-locks.js";
import type { CrmClient } from "../ports/crm-client.js";
import type { FeedName } from "../ports/feed-event-store.js";
import type { Inbox } from "../ports/inbox.js";

/** The scheduled task that polls each portal-wide feed. */
const pollTaskOf: Record<FeedName, string> = {
  email_events: "poll-email-events",
  form_submissions: "poll-form-submissions",
  web_events: "poll-web-events",
};

export type PipelineOptions = {
  /** POLL_INTERVAL_SEC (300): the modified-records search. */
  pollIntervalSec: number;
  /** LIST_POLL_INTERVAL_SEC (900): list memberships. */
  listPollIntervalSec: number;
  /** EMAIL_EVENTS_POLL_MS (180000): the marketing email events log. */
  emailEventsPollMs: number;
  /** FORM_SUBMISSIONS_POLL_MS (180000): every form's submissions. */
  formSubmissionsPollMs: number;
  /** WEB_EVENTS_POLL_MS (180000): every contact's web events of the types the scores count. */
  webEventsPollMs: number;
  /** COALESCE_MS (2000): how long a record waits for more events. */
  coalesceMs: number;
  /** HISTORY_RETENTION_DAYS (90): every change kept, then one point per day. */
  historyRetentionDays: number;
  /** DUE_CHECK_SEC (60): how often the decay cron looks for records whose nextChangeAt has passed. */
  dueCheckSec?: number;
  /** The v3 signature's key and base URL (docs/hubspot.md §Webhook signatures (v3)). */
  webhook: { clientSecret: string; publicBaseUrl: string };
  /** stop() resolves within this (SIGTERM → exit within 10 s, docs/decisions.md §Graceful shutdown). */
  stopTimeoutMs?: number;
};

export type ComposePipelineDeps = {
  options: PipelineOptions;
  inbox: Inbox;
  stores: Pick<
    PipelineDeps,
    "installations" | "scores" | "records" | "dueIndex" | "pollState" | "feeds" | "sourceStatus"
  >;
  /** The door's shared, paced clients (compose-door.ts): the pipeline shares each portal's budget. */
  crmFor: (portalId: number) => CrmClient;
  logger: Logger;
  now?: () => number;
  /** 429s counted by the door (compose-door.ts pacing.onRateLimited), for /metrics. */
  rateLimited?: () => number;
  /** HubSpot calls past their deadline, counted by the door (pacing.onTimeout), for /metrics. */
  timeouts?: () => number;
  /** One rescore of a record at a time, shared with the enable jobs and resets; default: this process's. */
  recordLocks?: RecordLocks;
  /** Several instances (REDIS_URL): one of them runs each scheduled task per period. */
  taskLocks?: TaskLocks;
  /** The daily "performance-snapshots" task (refresh-performance-snapshots.ts), when the app keeps them. */
  refreshPerformance?: () => Promise<unknown>;
};

export type Pipeline = {
  webhookRoutes: Router;
  parkedRoutes: Router;
  metricsRoutes: Router;
  start(): void;
  /** Stops intake (503, HubSpot retries), finishes or leaves for re-claim what is in flight. */
  stop(): Promise<void>;
  /** Tests and tools drive these directly instead of waiting for timers. */
  worker: PipelineWorker;
  recordLocks: RecordLocks;
  scheduler: PipelineScheduler;
  metrics: PipelineMetrics;
};

const DAY_MS = 86_400_000;

/** Every minute on the minute; below 60 s, node-cron's seconds field (the first of six). */
const dueCron = (everySec: number) => (everySec >= 60 ? "* * * * *" : `*/${everySec} * * * * *`);

/**
 * The webhook pipeline after the intake (docs/architecture.md §From webhook to written value): worker,
 * pollers, crons, /parked and /metrics.
 */
export function composePipeline(deps: ComposePipelineDeps): Pipeline {
  const { options, inbox, logger } = deps;
  const now = deps.now ?? Date.now;
  let stopping = false;
  const metrics = createPipelineMetrics();
  const shared: PipelineDeps = {
    ...deps.stores,
    inbox,
    crmFor: deps.crmFor,
    logger: logger.child({ component: "pipeline" }),
    now,
    metrics,
    stopping: () => stopping,
    recordLocks: deps.recordLocks ?? createLocalRecordLocks(),
    // The scheduler exists by the time the worker hears a signal (it starts after composition).
    requestFeedPoll: (feed) => void scheduler.run(pollTaskOf[feed]),
  };
  const worker = createPipelineWorker(shared, { coalesceMs: options.coalesceMs });
  const scheduler = createPipelineScheduler(
    [
      {
        name: "decay",
        cron: dueCron(options.dueCheckSec ?? 60),
        periodMs: Math.min(60, options.dueCheckSec ?? 60) * 1000,
        run: () => rescoreDueRecords(shared),
      },
      {
        name: "poll-modified",
        everyMs: options.pollIntervalSec * 1000,
        run: () => pollModifiedRecords(shared),
      },
      {
        name: "poll-lists",
        everyMs: options.listPollIntervalSec * 1000,
        run: () => pollListMemberships(shared),
      },
      {
        name: "poll-email-events",
        everyMs: options.emailEventsPollMs,
        run: () => pollEmailEvents(shared),
      },
      {
        name: "poll-form-submissions",
        everyMs: options.formSubmissionsPollMs,
        run: () => pollFormSubmissions(shared),
      },
      {
        name: "poll-web-events",
        everyMs: options.webEventsPollMs,
        run: () => pollWebEvents(shared),
      },
      { name: "sweep", cron: "17 3 * * *", periodMs: DAY_MS, run: () => sweepRecords(shared) },
      {
        name: "compact-history",
        cron: "47 3 * * *",
        periodMs: DAY_MS,
        run: () => compactHistory(shared, options.historyRetentionDays),
      },
      ...(deps.refreshPerformance
        ? [
            {
              name: "performance-snapshots",
              cron: "17 4 * * *",
              periodMs: DAY_MS,
              run: deps.refreshPerformance,
            },
          ]
        : []),
      {
        name: "purge-inbox",
        cron: "5 * * * *",
        periodMs: 3_600_000,
        run: () => inbox.purgeDone(DONE_RETENTION_MS),
      },
    ],
    {
      scheduler: createNodeCronScheduler(),
      logger: shared.logger,
      ...(deps.taskLocks ? { locks: deps.taskLocks } : {}),
    },
  );
  // The route appends, then wakes the worker: latency is the coalescing window, not a poll period.
  const intake: Pick<Inbox, "append"> = {
    async append(events) {
      if (stopping) throw new Error("shutting down");
      const result = await inbox.append(events);
      worker.wake();
      return result;
    },
  };
  return {
    webhookRoutes: createWebhookRoutes({ ...options.webhook, inbox: intake, now, logger }),
    parkedRoutes: createParkedRoutes({ inbox }),
    metricsRoutes: createMetricsRoutes({
      inbox,
      dueIndex: deps.stores.dueIndex,
      metrics,
      held: () => worker.held(),
      ...(deps.rateLimited ? { rateLimited: deps.rateLimited } : {}),
      ...(deps.timeouts ? { timeouts: deps.timeouts } : {}),
      now,
    }),
    start() {
      stopping = false;
      worker.start();
      scheduler.start();
    },
    async stop() {
      stopping = true;
      const timeoutMs = options.stopTimeoutMs ?? 8_000;
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([Promise.all([worker.stop(timeoutMs), scheduler.stop()]), deadline]);
    },
    worker,
    recordLocks: shared.recordLocks,
    scheduler,
    metrics,
  };
}
