import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createKeyvPollStateStore } from "../../../src/adapters/stores/keyv-poll-state-store.js";
import { openKeyv } from "../../../src/adapters/stores/open-keyv.js";
import { createSandboxClient } from "../../../src/cli/sandbox-client.js";
import { loadConfig } from "../../../src/config.js";
import { signWebhookV3 } from "../../../src/hubspot/sign-webhook-v3.js";
import { createLogger } from "../../../src/logger.js";
import { type RunningSandboxMode, startSandboxMode } from "../../../src/sandbox-mode/start-sandbox-mode.js";
import { waitFor } from "./wait-for.js";

// The whole product as `npm start` runs it (src/sandbox-mode/start-sandbox-mode.ts, seed `small`), driven over
// HTTP only: the admin API with the bearer token, the sandbox's /__sandbox/* endpoints as a person
// in HubSpot's UI, and HubSpot's signed workflow-action requests.

export const ADMIN_TOKEN = "e2e-admin-token-0123456789";
const SANDBOX_SECRET = "sandbox-client-secret";

export type E2eOptions = {
  /** Reuse a DATA_DIR (a second `npm start`); a fresh temp dir otherwise. */
  dataDir?: string;
  /** The sandbox's requests per 10 s: HubSpot's 110 unless a test raises it. */
  sandboxRatePer10s?: number;
  exampleScores?: readonly unknown[];
  /** Seconds between list membership polls; the configuration's floor (60) is too slow for a test. */
  listPollIntervalSec?: number;
  /** More settings as `npm start` reads them (SANDBOX_TIER, EMAIL_EVENTS_POLL_MS, ...). */
  env?: Record<string, string>;
};

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are walked freely; assertions check their shape.
type Json = Record<string, any>;

export async function startE2eApp(options: E2eOptions = {}) {
  const logFile = process.env.E2E_LOG;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "lead-score-e2e-"));
  const loaded = loadConfig({
    DATA_DIR: dataDir,
    PORT: "0",
    SANDBOX_SEED: "small",
    SANDBOX_RATE_LIMIT_PER_10S: String(options.sandboxRatePer10s ?? 110),
    ADMIN_TOKEN,
    COALESCE_MS: "50",
    DUE_CHECK_SEC: "1",
    ...options.env,
  });
  const config = options.listPollIntervalSec
    ? { ...loaded, pipeline: { ...loaded.pipeline, listPollIntervalSec: options.listPollIntervalSec } }
    : loaded;
  const running: RunningSandboxMode = await startSandboxMode(config, {
    // E2E_LOG=/tmp/e2e.log keeps the app's debug log of a run; silent otherwise.
    logger: logFile ? createLogger("debug", pino.destination(logFile)) : createLogger("silent"),
    version: "e2e",
    webhooks: { retryBaseMs: 20, retryMaxMs: 200 },
    ...(options.exampleScores ? { exampleScores: options.exampleScores } : {}),
  });
  running.composed.start();
  const portal = `/api/portals/${running.portalId}`;
  // The list poll leaves no trace a person could see when its read changes nothing; its stored
  // baseline is read from the app's own database. Counting the sandbox's membership reads is not
  // enough: a rescore's snapshot reads the same endpoint (src/app/load-list-memberships.ts).
  const pollStateKeyv = await openKeyv<number | string[]>(config.databaseUrl, "poll-state");
  const pollState = createKeyvPollStateStore(pollStateKeyv);
  const sandbox = createSandboxClient(running.sandboxUrl);

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.appUrl}${portal}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  /** A record's properties as a person sees them in the portal. */
  const record = async (objectType: string, id: string) =>
    (
      await sandbox.call<{ properties: Record<string, string | null> }>(
        "GET",
        `/__sandbox/records/${objectType}/${id}`,
      )
    ).properties;

  /** Polls the job until it is done (or failed: then its error shows in the assertion). */
  const finished = (jobId: string) =>
    waitFor(
      () => api("GET", `/jobs/${jobId}`).then((r) => r.body),
      (job) => job.status !== "queued" && job.status !== "running",
    );

  /** A workflow action request as HubSpot sends it: v3-signed with the app's secret at the portal's now. */
  const action = async (path: string, payload: unknown) => {
    const body = JSON.stringify(payload);
    const { nowMs } = await sandbox.call<{ nowMs: number }>("GET", "/__sandbox/clock");
    const url = `${running.appUrl}${path}`;
    const signature = signWebhookV3({
      clientSecret: SANDBOX_SECRET,
      method: "POST",
      uri: url,
      body,
      timestampMs: nowMs,
    });
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hubspot-signature-v3": signature,
        "x-hubspot-request-timestamp": String(nowMs),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  return {
    running,
    dataDir,
    sandbox,
    api,
    record,
    finished,
    action,
    /** The members the list poll last read for a list; undefined before its first read (its baseline). */
    listPollBaseline: (listId: string) => pollState.members(running.portalId, listId),
    /** Stops app and sandbox; `keep` leaves DATA_DIR for a restart. */
    async close({ keep = false } = {}) {
      await running.composed.runner.onIdle();
      await pollStateKeyv.disconnect();
      await running.close();
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type E2eApp = Awaited<ReturnType<typeof startE2eApp>>;
