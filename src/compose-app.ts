import type { Express } from "express";
import type { Logger } from "pino";
import { createTokenCipher } from "./adapters/crypto/token-cipher.js";
import { createKeyvInstallationStore } from "./adapters/stores/keyv-installation-store.js";
import { createKeyvJobStore } from "./adapters/stores/keyv-job-store.js";
import { createKeyvRecordStore } from "./adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "./adapters/stores/keyv-score-store.js";
import { createKeyvSessionStore } from "./adapters/stores/keyv-session-store.js";
import { openKeyv } from "./adapters/stores/open-keyv.js";
import { createAfterInstall } from "./app/after-install.js";
import { createJobRunner, type JobHandler, type JobRunner } from "./app/jobs/job-runner.js";
import { createRescoreJob } from "./app/jobs/rescore-job.js";
import { createPreviewJob } from "./app/scores/preview-score.js";
import type { ScoresDeps } from "./app/scores/scores-deps.js";
import { composeDoor } from "./compose-door.js";
import { composeOAuth, createOAuthClientFor } from "./compose-oauth.js";
import type { Config } from "./config.js";
import { adminTokenPrincipal, anyPrincipal } from "./http/admin-api/admin-auth.js";
import { createAdminApi } from "./http/admin-api/create-admin-api.js";
import { sessionPrincipal } from "./http/admin-session/session-principal.js";
import { createSandboxSignInLink } from "./http/admin-session/sign-in-links.js";
import { createHttpApp } from "./http/create-http-app.js";
import { loadEncryptionKey } from "./load-encryption-key.js";
import type { Installation } from "./ports/installation-store.js";
import type { JobKind } from "./ports/job-store.js";

export type ComposedApp = {
  app: Express;
  runner: JobRunner;
  mode: "hubspot" | "sandbox";
  /** Sandbox mode: a single-use admin page sign-in link (a credential: print it, never log it). */
  signInLink?: string;
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
  const door = composeDoor({ config, installations, logger, cipher, now });

  // The handlers need the use cases' deps, which need the runner's start: fill them in after.
  const handlers = {} as Record<JobKind, JobHandler>;
  const jobRunner = createJobRunner({ jobs, handlers, now, logger });
  const scoresDeps: ScoresDeps = {
    scores,
    installations,
    records,
    crmFor: door.crmFor,
    startJob: jobRunner.start,
    now,
    logger,
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
  const oauthClient = createOAuthClientFor(config);
  const adminApi = createAdminApi({
    ...scoresDeps,
    jobs,
    cipher,
    oauth: oauthClient,
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
    ...(oauth ? { oauth: oauth.routes } : {}),
  });
  const resumed = await jobRunner.resumeUnfinished();
  if (resumed > 0) logger.info({ resumed }, "resumed unfinished jobs");
  const composed: ComposedApp = { app, runner: jobRunner, mode: config.hubspot.mode };
  if (config.hubspot.mode === "sandbox") {
    composed.signInLink = await createSandboxSignInLink({
      sessions,
      now,
      publicBaseUrl: config.publicBaseUrl,
    });
  }
  return composed;
}
