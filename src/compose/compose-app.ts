import { join } from "node:path";
import type { Express, Router } from "express";
import type { Logger } from "pino";
import { createLocalRecordLocks } from "../adapters/coordination/local-record-locks.js";
import { createTokenCipher } from "../adapters/crypto/token-cipher.js";
import { openSqliteDueIndex } from "../adapters/queue/sqlite-due-index.js";
import { openSqliteInbox } from "../adapters/queue/sqlite-inbox.js";
import { createKeyvActionStore } from "../adapters/stores/keyv-action-store.js";
import { createKeyvInstallationStore } from "../adapters/stores/keyv-installation-store.js";
import { createKeyvJobStore } from "../adapters/stores/keyv-job-store.js";
import { createKeyvPollStateStore } from "../adapters/stores/keyv-poll-state-store.js";
import { createKeyvRecordStore } from "../adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../adapters/stores/keyv-score-store.js";
import { createKeyvSessionStore } from "../adapters/stores/keyv-session-store.js";
import { openKeyv } from "../adapters/stores/open-keyv.js";
import { createAfterInstall } from "../app/after-install.js";
import { createJobRunner, type JobHandler, type JobRunner } from "../app/jobs/job-runner.js";
import { createRescoreJob } from "../app/jobs/rescore-job.js";
import { createPreviewJob } from "../app/scores/preview-score.js";
import type { ScoresDeps } from "../app/scores/scores-deps.js";
import type { Config } from "../config.js";
import { createActionRoutes } from "../http/action-routes.js";
import { adminTokenPrincipal, anyPrincipal } from "../http/admin-api/admin-auth.js";
import { createAdminApi } from "../http/admin-api/create-admin-api.js";
import { sessionPrincipal } from "../http/admin-session/session-principal.js";
import { createSandboxSignInLink } from "../http/admin-session/sign-in-links.js";
import { createHttpApp } from "../http/create-http-app.js";
import type { Installation, InstallationStore } from "../ports/installation-store.js";
import type { JobKind } from "../ports/job-store.js";
import type { SessionStore } from "../ports/session-store.js";
import { composeDoor } from "./compose-door.js";
import { composeOAuth, createOAuthClientFor } from "./compose-oauth.js";
import { composePipeline } from "./compose-pipeline.js";
import { openSharedParts } from "./compose-shared-parts.js";
import { loadEncryptionKey } from "./load-encryption-key.js";

export type ComposedApp = {
  app: Express;
  runner: JobRunner;
  mode: "hubspot" | "sandbox";
  /** For the sandbox-mode starter: is the portal installed yet, and its admin sign-in link. */
  installations: InstallationStore;
  sessions: SessionStore;
  /** The score use cases' dependencies: the sandbox-mode starter creates the example scores with them. */
  scoresDeps: ScoresDeps;
  /** Sandbox mode: a single-use admin page sign-in link (a credential: print it, never log it). */
  signInLink?: string;
  /** Starts the pipeline's worker and schedules; call once the server listens. */
  start(): void;
  /** Stops intake, finishes or re-queues work, closes the SQLite files (SIGTERM: within 10 s). */
  stop(): Promise<void>;
};

/**
 * Builds the whole app from a configuration: stores, the door to HubSpot, jobs, and the HTTP edges.
 * main.ts and the end-to-end tests share it, so they run the same thing.
 */
export async function composeApp(
  config: Config,
  deps: { logger: Logger; version: string; now?: () => number },
): Promise<ComposedApp> {
  const { logger } = deps;
  const now = deps.now ?? Date.now;
  const cipher = createTokenCipher(loadEncryptionKey(config, logger));
  const open = <T>(namespace: string) => openKeyv<T>(config.databaseUrl, namespace);
  const installations = createKeyvInstallationStore(await open<Installation>("installations"));
  const scores = createKeyvScoreStore(await open("scores"));
  const records = createKeyvRecordStore(await open("records"));
  const jobs = createKeyvJobStore(await open("jobs"));
  // With REDIS_URL the inbox, due-index, job queue, scheduled tasks and HubSpot budgets are shared
  // by every instance (docs/decisions.md §Several instances).
  const shared = config.redisUrl ? await openSharedParts(config.redisUrl, config, logger, now) : undefined;
  let rateLimited = 0;
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
      ...(shared ? { sharedRateWindow: shared.rateWindow } : {}),
    },
  });

  // The inbox and the due-index are SQLite files of their own: transactions and ordered reads that a
  // key-value store does not give (docs/decisions.md §Webhook inbox). The use cases index next changes too
  // (app/rescore/rescore.ts). With REDIS_URL they, the job queue and the scheduled tasks move to Redis, shared
  // by every instance.
  const dueIndex =
    shared?.dueIndex ??
    openSqliteDueIndex({ file: join(config.dataDir, "due.sqlite"), fsync: config.queueFsync });

  // The handlers need the use cases' deps, which need the runner's start: fill them in after.
  const handlers = {} as Record<JobKind, JobHandler>;
  const jobRunner = createJobRunner({
    jobs,
    handlers,
    now,
    logger,
    ...(shared ? { openQueue: shared.openJobQueue } : {}),
  });
  // One rescore of a record at a time, across the pipeline, enable jobs and resets (and instances).
  const recordLocks = shared?.locks ?? createLocalRecordLocks();
  const scoresDeps: ScoresDeps = {
    scores,
    installations,
    records,
    crmFor: door.crmFor,
    startJob: jobRunner.start,
    now,
    logger,
    dueIndex,
    recordLocks,
  };
  handlers.rescore = createRescoreJob(scoresDeps);
  handlers.preview = createPreviewJob(scoresDeps);

  const oauth = composeOAuth(config, {
    store: installations,
    cipher,
    logger,
    now,
    authorize: door.authorize,
    onInstalled: createAfterInstall({
      scores,
      crmFor: door.crmFor,
      resumeJobs: (id) => jobRunner.resumePortal(id),
      logger,
    }),
  });
  const sessions = createKeyvSessionStore(await open("sessions"), now);
  const inbox =
    shared?.inbox ??
    openSqliteInbox({
      file: join(config.dataDir, "inbox.sqlite"),
      fsync: config.queueFsync,
      now,
      onCheckpointError: (message) => logger.warn({ message }, "inbox WAL checkpoint failed"),
    });
  const hubspotSecret = config.hubspot.mode === "hubspot" ? config.hubspot.clientSecret : undefined;
  const pipeline = composePipeline({
    options: {
      ...config.pipeline,
      ...(hubspotSecret
        ? { webhook: { clientSecret: hubspotSecret, publicBaseUrl: config.publicBaseUrl } }
        : {}),
    },
    inbox,
    stores: {
      installations,
      scores,
      records,
      dueIndex,
      pollState: createKeyvPollStateStore(await open("poll-state")),
    },
    crmFor: door.crmFor,
    logger,
    now,
    rateLimited: () => rateLimited,
    recordLocks,
    ...(shared ? { taskLocks: shared.locks } : {}),
  });
  const actions = createKeyvActionStore(await open("actions"));
  const hubspotRoutes: Router[] = [pipeline.metricsRoutes];
  if (pipeline.webhookRoutes) hubspotRoutes.push(pipeline.webhookRoutes);
  if (hubspotSecret) {
    // docs/decisions.md §Reset workflow action: HubSpot waits about a second for a workflow action's answer.
    hubspotRoutes.push(
      createActionRoutes({
        ...scoresDeps,
        actions,
        answerWithinMs: 800,
        clientSecret: hubspotSecret,
        publicBaseUrl: config.publicBaseUrl,
      }),
    );
  }
  const oauthClient = createOAuthClientFor(config);
  const adminApi = createAdminApi({
    ...scoresDeps,
    jobs,
    actions,
    cipher,
    oauth: oauthClient,
    parkedRoutes: pipeline.parkedRoutes,
    resolvePrincipal: anyPrincipal(adminTokenPrincipal(config.adminToken), sessionPrincipal(sessions, now)),
  });
  const adminPage = {
    sessions,
    installations,
    scores,
    jobs,
    adminToken: config.adminToken,
    publicBaseUrl: config.publicBaseUrl,
    now,
    logger,
    ...(config.hubspot.mode === "hubspot" && oauthClient
      ? {
          oauth: {
            client: oauthClient,
            clientId: config.hubspot.clientId,
            stateSecret: config.hubspot.clientSecret,
            authBaseUrl: config.hubspotAuthBaseUrl,
          },
        }
      : {}),
  };
  const app = createHttpApp({
    version: deps.version,
    adminApi,
    adminPage,
    hubspotRoutes,
    ...(oauth ? { oauth: oauth.routes } : {}),
  });
  const resumed = await jobRunner.resumeUnfinished();
  if (resumed > 0) logger.info({ resumed }, "resumed unfinished jobs");
  const composed: ComposedApp = {
    app,
    runner: jobRunner,
    mode: config.hubspot.mode,
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
  if (config.hubspot.mode === "sandbox") {
    composed.signInLink = await createSandboxSignInLink({
      sessions,
      now,
      publicBaseUrl: config.publicBaseUrl,
    });
  }
  return composed;
}
