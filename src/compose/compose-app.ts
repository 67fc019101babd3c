import { join } from "node:path";
import type { Express } from "express";
import type { Logger } from "pino";
import { createLocalRecordLocks } from "../adapters/coordination/local-record-locks.js";
import { createTokenCipher } from "../adapters/crypto/token-cipher.js";
import { createLocalJobQueue } from "../adapters/queue/local-job-queue.js";
import { openSqliteDueIndex } from "../adapters/queue/sqlite-due-index.js";
import { openSqliteInbox } from "../adapters/queue/sqlite-inbox.js";
import { createKeyvActionStore } from "../adapters/stores/keyv-action-store.js";
import { createKeyvFeedEventStore } from "../adapters/stores/keyv-feed-event-store.js";
import { createKeyvInstallationStore } from "../adapters/stores/keyv-installation-store.js";
import { createKeyvJobStore } from "../adapters/stores/keyv-job-store.js";
import { createKeyvOAuthStateStore } from "../adapters/stores/keyv-oauth-state-store.js";
import {
  createKeyvPerformanceSnapshotStore,
  SUMMARY_SQLITE_PAGE,
} from "../adapters/stores/keyv-performance-snapshot-store.js";
import { createKeyvPollStateStore } from "../adapters/stores/keyv-poll-state-store.js";
import { createKeyvRecordStore, JOURNAL_SQLITE_PAGE } from "../adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../adapters/stores/keyv-score-store.js";
import { createKeyvSessionStore } from "../adapters/stores/keyv-session-store.js";
import { createKeyvSourceStatusStore } from "../adapters/stores/keyv-source-status-store.js";
import { createKeyvStageEntryStore } from "../adapters/stores/keyv-stage-entry-store.js";
import { createKeyvSuggestionStore } from "../adapters/stores/keyv-suggestion-store.js";
import { type OpenKeyvOptions, openKeyv } from "../adapters/stores/open-keyv.js";
import { resumeOwedCallbacks } from "../app/actions/reset-action.js";
import { createAfterInstall } from "../app/after-install.js";
import { createJobRunner, type JobRunner } from "../app/jobs/job-runner.js";
import { createRescoreJob } from "../app/jobs/rescore-job.js";
import { createPerformanceJob } from "../app/performance/performance-job.js";
import { refreshPerformanceSnapshots } from "../app/performance/refresh-performance-snapshots.js";
import { createPreviewJob } from "../app/scores/preview-score.js";
import type { JobHandlerDeps, ScoresDeps } from "../app/scores/scores-deps.js";
import { createSuggestJob } from "../app/suggest/suggest-job.js";
import type { HubSpotModeConfig } from "../config.js";
import { createActionRoutes } from "../http/action-routes.js";
import { adminTokenPrincipal, anyPrincipal } from "../http/admin-api/admin-auth.js";
import { createAdminApi } from "../http/admin-api/create-admin-api.js";
import { sessionPrincipal } from "../http/admin-session/session-principal.js";
import { createCardRoutes } from "../http/card-routes.js";
import { createHttpApp } from "../http/create-http-app.js";
import type { Installation, InstallationStore } from "../ports/installation-store.js";
import type { SessionStore } from "../ports/session-store.js";
import { databaseError } from "../start-up/startup-error.js";
import { composeDoor } from "./compose-door.js";
import { composeOAuth, createOAuthClientFor } from "./compose-oauth.js";
import { composePipeline } from "./compose-pipeline.js";
import { openSharedParts } from "./compose-shared-parts.js";
import { loadEncryptionKey } from "./load-encryption-key.js";

/** docs/decisions.md §Reset workflow action: HubSpot waits about a second for a workflow action's answer. */
const RESET_ANSWER_WITHIN_MS = 800;

export type ComposedApp = {
  app: Express;
  runner: JobRunner;
  /** For the sandbox-mode starter: is the portal installed yet, and its admin sign-in link. */
  installations: InstallationStore;
  sessions: SessionStore;
  /** The score use cases' dependencies: the sandbox-mode starter creates the example scores with them. */
  scoresDeps: ScoresDeps;
  /** Starts the pipeline's worker and schedules; call once the server listens. */
  start(): void;
  /** Stops intake, finishes or re-queues work, closes the SQLite files (SIGTERM: within 10 s). */
  stop(): Promise<void>;
};

/**
 * Builds the whole app from a configuration: stores, the door to HubSpot, jobs, the pipeline and the
 * HTTP edges. main.ts, sandbox mode (with the sandbox portal's credentials) and the end-to-end tests
 * share it, so they run the same thing.
 */
export async function composeApp(
  config: HubSpotModeConfig,
  deps: {
    logger: Logger;
    version: string;
    /** The app's time: scoring, decay, jobs. Sandbox mode passes the sandbox's movable clock. */
    now?: () => number;
    /**
     * The real time, for what a person lives through: sessions, sign-in links and OAuth states
     * (docs/decisions.md §Admin sessions). Moving the sandbox's clock a month must not sign anyone out.
     */
    wallNow?: () => number;
  },
): Promise<ComposedApp> {
  const { logger } = deps;
  const now = deps.now ?? Date.now;
  const wallNow = deps.wallNow ?? Date.now;
  const { clientId, clientSecret } = config.hubspot;
  const cipher = createTokenCipher(loadEncryptionKey(config, logger));
  // A store that will not open stops start-up with one line naming DATABASE_URL (src/main.ts).
  const open = <T>(namespace: string, options?: OpenKeyvOptions) =>
    openKeyv<T>(config.databaseUrl, namespace, options).catch((error: unknown) => {
      throw databaseError(config.databaseUrl, error);
    });
  const installations = createKeyvInstallationStore(await open<Installation>("installations"));
  const scores = createKeyvScoreStore(await open("scores"));
  // The journal of when each history was written: a namespace of its own, so listing it reads no history
  // (docs/decisions.md §Score performance).
  const records = createKeyvRecordStore(await open("records"), {
    journal: await open("history-journal", { sqlitePageSize: JOURNAL_SQLITE_PAGE }),
    now,
  });
  const jobs = createKeyvJobStore(await open("jobs"));
  const sessions = createKeyvSessionStore(await open("sessions"), wallNow);
  const oauthStates = createKeyvOAuthStateStore(await open("oauth-states"), wallNow);
  const actions = createKeyvActionStore(await open("actions"));
  const pollState = createKeyvPollStateStore(await open("poll-state"));
  const feeds = createKeyvFeedEventStore(await open("feed-events"));
  const sourceStatus = createKeyvSourceStatusStore(await open("source-status"));
  const stageEntries = createKeyvStageEntryStore(await open("stage-entries"));
  const performanceSnapshots = createKeyvPerformanceSnapshotStore(
    await open("performance-snapshots", { sqlitePageSize: SUMMARY_SQLITE_PAGE }),
  );
  const suggestions = createKeyvSuggestionStore(await open("suggestions"));
  // With REDIS_URL the inbox, due-index, job queue, scheduled tasks and HubSpot budgets are shared
  // by every instance (docs/decisions.md §Several instances).
  const shared = config.redisUrl ? await openSharedParts(config.redisUrl, config, logger, now) : undefined;
  let rateLimited = 0;
  let timeouts = 0;
  const door = composeDoor({
    config,
    installations,
    logger,
    cipher,
    now,
    pacing: {
      onRateLimited: () => {
        rateLimited += 1;
      },
      onTimeout: () => {
        timeouts += 1;
      },
      ...(shared ? { sharedRateWindow: shared.rateWindow } : {}),
    },
  });

  // Without REDIS_URL the inbox and the due-index are SQLite files of their own: transactions and ordered
  // reads that a key-value store does not give (docs/decisions.md §Webhook inbox). The use cases index next
  // changes too (app/rescore/rescore.ts).
  const dueIndex =
    shared?.dueIndex ??
    openSqliteDueIndex({ file: join(config.dataDir, "due.sqlite"), fsync: config.queueFsync });
  const inbox =
    shared?.inbox ??
    openSqliteInbox({
      file: join(config.dataDir, "inbox.sqlite"),
      fsync: config.queueFsync,
      now,
      onCheckpointError: (message) => logger.warn({ message }, "inbox WAL checkpoint failed"),
    });
  // One rescore of a record at a time, across the pipeline, enable jobs and resets (and instances).
  const recordLocks = shared?.locks ?? createLocalRecordLocks();

  // The job handlers need no job runner, so they exist before it; the use cases that start jobs
  // get the runner's start once it exists.
  const handlerDeps: JobHandlerDeps = {
    scores,
    installations,
    records,
    crmFor: door.crmFor,
    now,
    logger,
    dueIndex,
    recordLocks,
    feeds,
    sourceStatus,
    performanceSnapshots,
    suggestions,
  };
  const jobRunner = createJobRunner({
    jobs,
    handlers: {
      rescore: createRescoreJob(handlerDeps),
      preview: createPreviewJob(handlerDeps),
      performance: createPerformanceJob(handlerDeps),
      suggest: createSuggestJob({ ...handlerDeps, suggestions }),
    },
    now,
    logger,
    openQueue: shared?.openJobQueue ?? ((run) => createLocalJobQueue(run)),
  });
  const scoresDeps: ScoresDeps = { ...handlerDeps, startJob: jobRunner.start };

  const oauthClient = createOAuthClientFor(config);
  const oauth = composeOAuth(config, {
    store: installations,
    cipher,
    logger,
    now,
    stateNow: wallNow,
    states: oauthStates,
    authorize: door.authorize,
    onInstalled: createAfterInstall({
      scores,
      crmFor: door.crmFor,
      resumeJobs: (id) => jobRunner.resumePortal(id),
      logger,
    }),
  });
  const pipeline = composePipeline({
    options: { ...config.pipeline, webhook: { clientSecret, publicBaseUrl: config.publicBaseUrl } },
    inbox,
    stores: { installations, scores, records, dueIndex, pollState, feeds, sourceStatus },
    crmFor: door.crmFor,
    logger,
    now,
    rateLimited: () => rateLimited,
    timeouts: () => timeouts,
    recordLocks,
    ...(shared ? { taskLocks: shared.locks } : {}),
    // After the sweep and the history compaction, so the night's rewrites are read the same night.
    refreshPerformance: () => refreshPerformanceSnapshots({ ...scoresDeps, jobs, performanceSnapshots }),
  });
  const app = createHttpApp({
    version: deps.version,
    oauth: oauth.routes,
    adminApi: createAdminApi({
      ...scoresDeps,
      suggestions,
      jobs,
      actions,
      stageEntries,
      cipher,
      oauth: oauthClient,
      parkedRoutes: pipeline.parkedRoutes,
      resolvePrincipal: anyPrincipal(
        adminTokenPrincipal(config.adminToken),
        sessionPrincipal(sessions, wallNow),
      ),
      signInLinks: {
        sessions,
        installations,
        adminToken: config.adminToken,
        now: wallNow,
        publicBaseUrl: config.publicBaseUrl,
      },
    }),
    adminPage: {
      sessions,
      installations,
      scores,
      jobs,
      adminToken: config.adminToken,
      publicBaseUrl: config.publicBaseUrl,
      now: wallNow,
      logger,
      oauth: {
        client: oauthClient,
        clientId,
        stateSecret: clientSecret,
        authBaseUrl: config.hubspotAuthBaseUrl,
        states: oauthStates,
      },
    },
    hubspotRoutes: [
      pipeline.metricsRoutes,
      pipeline.webhookRoutes,
      createActionRoutes({
        ...scoresDeps,
        actions,
        answerWithinMs: RESET_ANSWER_WITHIN_MS,
        clientSecret,
        publicBaseUrl: config.publicBaseUrl,
      }),
      createCardRoutes({ ...scoresDeps, clientSecret, publicBaseUrl: config.publicBaseUrl }),
    ],
  });
  const resumed = await jobRunner.resumeUnfinished();
  if (resumed > 0) logger.info({ resumed }, "resumed unfinished jobs");
  // Workflow callbacks a stopped process still owed (BLOCK answers): completed in the background, since
  // each rescores a record and calls HubSpot (docs/decisions.md §Reset workflow action).
  void resumeOwedCallbacks({ ...scoresDeps, actions, answerWithinMs: RESET_ANSWER_WITHIN_MS }).then(
    (completed) => {
      if (completed > 0) logger.info({ completed }, "completed owed workflow callbacks");
    },
    (error: unknown) => logger.error({ err: error }, "could not complete owed workflow callbacks"),
  );
  return {
    app,
    runner: jobRunner,
    installations,
    sessions,
    scoresDeps,
    start: () => pipeline.start(),
    async stop() {
      // Jobs are not waited for: they checkpoint per page and resume at the next start.
      await pipeline.stop();
      await jobRunner.close();
      await inbox.close();
      await dueIndex.close();
      await shared?.close();
    },
  };
}
