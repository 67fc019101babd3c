import type { Writable } from "node:stream";
import { createKeyvFeedEventStore } from "../adapters/stores/keyv-feed-event-store.js";
import { createKeyvInstallationStore } from "../adapters/stores/keyv-installation-store.js";
import { createKeyvRecordStore } from "../adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../adapters/stores/keyv-score-store.js";
import { openKeyv } from "../adapters/stores/open-keyv.js";
import { composeDoor } from "../compose/compose-door.js";
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import type { CrmClient } from "../ports/crm-client.js";
import type { FeedEventStore } from "../ports/feed-event-store.js";
import type { Installation, InstallationStore } from "../ports/installation-store.js";
import type { RecordStore } from "../ports/record-store.js";
import type { ScoreStore } from "../ports/score-store.js";
import { CliError } from "./cli-error.js";
import { findNpmStart } from "./find-npm-start.js";

/** What `lead-score export` needs from the app: the stores, the door, and where to write. */
export type ExportContext = {
  installations: Pick<InstallationStore, "get">;
  scores: Pick<ScoreStore, "list">;
  /** The resets the app keeps per record, written into each snapshot (docs/scoring.md §Resets). */
  records: Pick<RecordStore, "resets">;
  /** Contacts' marketing email events and form submissions, as the app's feed pollers stored them. */
  feeds: Pick<FeedEventStore, "events" | "cursor">;
  crmFor(portalId: number): CrmClient;
  /** Where the app is installed from, for the "not installed" message. */
  installUrl: string;
  /** The portal a running `npm start` installed, for an export with no --portal. */
  defaultPortalId?: number;
  out: Writable;
  err: Writable;
  close(): Promise<void>;
};

/**
 * The app's own configuration, stores and door, as main.ts builds them: the CLI reads the same
 * DATABASE_URL and shares HubSpot's per-portal pacing rules (one process, one client per portal; with
 * REDIS_URL, one budget with the running instances).
 */
export async function openExportContext(
  env: Record<string, string | undefined> = process.env,
  io: { out: Writable; err: Writable } = { out: process.stdout, err: process.stderr },
): Promise<ExportContext> {
  // No HubSpot named at all: the sandbox portal of a running `npm start`, if one is recorded.
  const found =
    env.HUBSPOT_API_BASE_URL || env.HUBSPOT_CLIENT_ID
      ? null
      : await findNpmStart({ env, err: io.err }, "sandbox", "set HUBSPOT_API_BASE_URL to the portal's API");
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(found ? { ...env, HUBSPOT_API_BASE_URL: found.sandboxUrl } : env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message.split("\n"));
    throw error;
  }
  // stdout carries the records, so log lines go to stderr; only warnings unless LOG_LEVEL asks for more.
  const logger = createLogger(env.LOG_LEVEL ? config.logLevel : "warn", io.err);
  const installationsKeyv = await openKeyv<Installation>(config.databaseUrl, "installations");
  const scoresKeyv: Parameters<typeof createKeyvScoreStore>[0] = await openKeyv(config.databaseUrl, "scores");
  const recordsKeyv: Parameters<typeof createKeyvRecordStore>[0] = await openKeyv(
    config.databaseUrl,
    "records",
  );
  const feedsKeyv: Parameters<typeof createKeyvFeedEventStore>[0] = await openKeyv(
    config.databaseUrl,
    "feed-events",
  );
  const installations = createKeyvInstallationStore(installationsKeyv);
  // With REDIS_URL the export spends the portal's budget from the same window as the running instances.
  // Loaded only then: ioredis adds tens of ms to every start of the CLI, `evaluate` included.
  const sharedRateWindow = config.redisUrl
    ? (await import("../adapters/rate-window/redis-sliding-window.js")).createRedisSlidingWindow({
        url: config.redisUrl,
        logger,
      })
    : undefined;
  const door = composeDoor({
    config,
    installations,
    logger,
    ...(sharedRateWindow ? { pacing: { sharedRateWindow } } : {}),
  });
  return {
    installations,
    scores: createKeyvScoreStore(scoresKeyv),
    records: createKeyvRecordStore(recordsKeyv),
    feeds: createKeyvFeedEventStore(feedsKeyv),
    crmFor: door.crmFor,
    installUrl: `${found?.appUrl ?? config.publicBaseUrl}/oauth/install`,
    ...(found ? { defaultPortalId: found.portalId } : {}),
    out: io.out,
    err: io.err,
    async close() {
      await Promise.all([
        installationsKeyv.disconnect(),
        scoresKeyv.disconnect(),
        recordsKeyv.disconnect(),
        feedsKeyv.disconnect(),
        sharedRateWindow?.close(),
      ]);
    },
  };
}
