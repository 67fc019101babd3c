import type { Express } from "express";
import type { Logger } from "pino";
import { createTokenCipher } from "./adapters/crypto/token-cipher.js";
import { createKeyvInstallationStore } from "./adapters/stores/keyv-installation-store.js";
import { createKeyvJobStore } from "./adapters/stores/keyv-job-store.js";
import { createKeyvRecordStore } from "./adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "./adapters/stores/keyv-score-store.js";
import { openKeyv } from "./adapters/stores/open-keyv.js";
import { createAfterInstall } from "./app/after-install.js";
import { createJobRunner, type JobHandler, type JobRunner } from "./app/jobs/job-runner.js";
import { createRescoreJob } from "./app/jobs/rescore-job.js";
import { createPreviewJob } from "./app/scores/preview-score.js";
import type { ScoresDeps } from "./app/scores/scores-deps.js";
import { composeDoor } from "./compose-door.js";
import { composeOAuth, createOAuthClientFor } from "./compose-oauth.js";
import type { Config } from "./config.js";
import { adminTokenPrincipal } from "./http/admin-api/admin-auth.js";
import { createAdminApi } from "./http/admin-api/create-admin-api.js";
import { createHttpApp } from "./http/create-http-app.js";
import { loadEncryptionKey } from "./load-encryption-key.js";
import type { Installation } from "./ports/installation-store.js";
import type { JobKind } from "./ports/job-store.js";

export type ComposedApp = { app: Express; runner: JobRunner; mode: "hubspot" | "sandbox" };

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
  const adminApi = createAdminApi({
    ...scoresDeps,
    jobs,
    cipher,
    oauth: createOAuthClientFor(config),
    resolvePrincipal: adminTokenPrincipal(config.adminToken),
  });
  const app = createHttpApp({ version: deps.version, adminApi, ...(oauth ? { oauth: oauth.routes } : {}) });
  const resumed = await jobRunner.resumeUnfinished();
  if (resumed > 0) logger.info({ resumed }, "resumed unfinished jobs");
  return { app, runner: jobRunner, mode: config.hubspot.mode };
}
