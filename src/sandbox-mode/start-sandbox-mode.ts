import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { createHttpClock, type HttpClock } from "../adapters/clock/create-http-clock.js";
import { type ExampleScoreOutcome, ensureExampleScores } from "../app/scores/ensure-example-scores.js";
import { type ComposedApp, composeApp } from "../compose/compose-app.js";
import type { Config, HubSpotModeConfig } from "../config.js";
import { createSandboxSignInLink } from "../http/admin-session/sign-in-links.js";
import { createStartingGate } from "../http/starting-gate.js";
import { createSandboxServer, type SandboxServer } from "../sandbox/create-sandbox-server.js";
import { loadWebhookSubscriptions } from "../sandbox/load-webhook-subscriptions.js";
import type { WebhookSenderOptions } from "../sandbox/webhook-sender.js";
import { listenHttp, portError } from "../start-up/listen-http.js";
import { appRatePer10s } from "./app-rate-per-10s.js";
import { installThroughOAuth } from "./install-through-oauth.js";
import { removeNpmStartFile, writeNpmStartFile } from "./npm-start-file.js";

// Sandbox mode (docs/decisions.md §Sandbox portal): `npm start` with no HubSpot credentials runs the app
// against a local sandbox portal in this process. The app itself runs in HubSpot mode: only its base URLs and
// credentials point at the sandbox, and it is installed through the real OAuth flow over HTTP. Order matters:
// the app's port must be known before the sandbox (its webhook target) and the app's config (PUBLIC_BASE_URL)
// are, so the HTTP server is bound first, answers 503 "starting" (src/http/starting-gate.ts) and is handed the
// app once it is composed. The sandbox gets the app's webhooks/webhooks.json, the file HubSpot gets at
// `hs project upload`, so it sends only what HubSpot would: not the app's own score writes, nor unscored
// properties.

export type SandboxModeDeps = {
  logger: Logger;
  version: string;
  /** Tests shorten the webhook retries. */
  webhooks?: Omit<WebhookSenderOptions, "portal" | "target" | "onFailure" | "subscriptions" | "isHeld">;
  /** Score definitions created and enabled when this start installs the portal (main.ts: examples/). */
  exampleScores?: readonly unknown[];
  /**
   * Where the app sends its HubSpot API calls, given the sandbox's URL: the sandbox itself unless a
   * test puts a fault proxy in between (test/system/hubspot-fault-drill.test.ts).
   */
  hubspotApiBaseUrl?: (sandboxUrl: string) => string;
};

export type RunningSandboxMode = {
  appUrl: string;
  sandboxUrl: string;
  portalId: number;
  /** The admin page's single-use sign-in link: a credential, print it, never log it. */
  signInLink: string;
  /** "now" when this start installed the portal, "already" when it was installed before. */
  installed: "now" | "already";
  /** The example scores and their rescore jobs; empty unless this start installed the portal. */
  examples: ExampleScoreOutcome[];
  /** The configuration the app runs with: HubSpot mode against the sandbox. */
  appConfig: HubSpotModeConfig;
  clock: HttpClock;
  sandbox: SandboxServer;
  composed: ComposedApp;
  close(): Promise<void>;
};

/**
 * webhooks/webhooks.json at the repository root: from src/sandbox-mode/ two levels up, from
 * dist/src/sandbox-mode/ (npm start) three.
 */
function appWebhooksFile(): string {
  const fromSrc = fileURLToPath(new URL("../../webhooks/webhooks.json", import.meta.url));
  return existsSync(fromSrc)
    ? fromSrc
    : fileURLToPath(new URL("../../../webhooks/webhooks.json", import.meta.url));
}

export async function startSandboxMode(config: Config, deps: SandboxModeDeps): Promise<RunningSandboxMode> {
  const log = deps.logger.child({ component: "sandbox" });
  const gate = createStartingGate(deps.version);
  const server = createServer(gate.handle);
  const port = await listenHttp(server, config.port, "PORT");
  deps.logger.info({ port }, `bound port ${port}; answering 503 "starting" until the app is ready`);
  // PUBLIC_BASE_URL left unset follows PORT; with PORT=0 only the bound port is right.
  const defaultBase = `http://localhost:${config.port}`;
  const publicBaseUrl =
    config.publicBaseUrl === defaultBase ? `http://localhost:${port}` : config.publicBaseUrl;

  const webhookSubscriptions = loadWebhookSubscriptions(appWebhooksFile());
  const sandbox = createSandboxServer({
    dataDir: config.dataDir,
    seed: config.sandbox.seed,
    ratePer10s: config.sandbox.ratePer10s,
    tier: config.sandbox.tier,
    webhookTargetUrl: `${publicBaseUrl}/webhooks/hubspot`,
    webhookSubscriptions,
    webhooks: {
      ...deps.webhooks,
      // The first failure and the final drop are worth a line; the retries in between are not.
      onFailure: (failure) => {
        if (failure.dropped) log.warn(failure, "sandbox dropped a webhook batch after its last retry");
        else if (failure.attemptNumber === 0) log.warn(failure, "sandbox webhook delivery failed; retrying");
        else log.debug(failure, "sandbox webhook retry failed");
      },
    },
  });
  const sandboxListening = await sandbox.listen(config.sandbox.port, "127.0.0.1").catch((error: Error) => {
    sandbox.close();
    throw portError(error, config.sandbox.port, "SANDBOX_PORT");
  });
  const sandboxUrl = sandboxListening.url;
  const { portal, seedReport } = sandbox;
  log.info(
    {
      url: sandboxUrl,
      portalId: portal.portalId,
      seed: seedReport.seed,
      seededNow: seedReport.seededNow,
      counts: seedReport.counts,
      webhookSubscriptions: webhookSubscriptions.length,
    },
    `sandbox portal ${portal.portalId} listening on ${sandboxUrl}`,
  );

  const clock = await createHttpClock({
    // `follow`: the sandbox then holds webhooks signed after a clock move until this clock has read it.
    url: `${sandboxUrl}/__sandbox/clock?follow=1`,
    onError: (error) => log.warn({ err: error }, "could not read the sandbox clock; keeping the last offset"),
  });
  // The CLI's rescore reaches the admin API with it through DATA_DIR/npm-start.json (0600).
  const adminToken = config.adminToken ?? randomBytes(24).toString("base64url");
  const appConfig: HubSpotModeConfig = {
    ...config,
    port,
    publicBaseUrl,
    hubspot: { mode: "hubspot", clientId: portal.app.clientId, clientSecret: portal.app.clientSecret },
    hubspotApiBaseUrl: deps.hubspotApiBaseUrl?.(sandboxUrl) ?? sandboxUrl,
    hubspotAuthBaseUrl: sandboxUrl,
    hubspotRateLimitPer10s: appRatePer10s(config),
    adminToken,
  };
  const composed = await composeApp(appConfig, {
    logger: deps.logger,
    version: deps.version,
    now: clock.now,
  });
  gate.open(composed.app);
  const appUrl = `http://localhost:${port}`;

  // A fresh sandbox database knows none of the tokens a previous install stored: install again.
  const existing = await composed.installations.get(portal.portalId);
  const installed = existing?.status === "connected" && !seedReport.seededNow ? "already" : "now";
  if (installed === "now") await installThroughOAuth(appUrl);
  // Only on the start that installs: a restart keeps whatever a person did to the examples since.
  const examples =
    installed === "now" && deps.exampleScores
      ? await ensureExampleScores(composed.scoresDeps, portal.portalId, deps.exampleScores, "quick start")
      : [];
  // Sign-in links and sessions run on the real time, not the sandbox's movable clock
  // (docs/decisions.md §Admin sessions): composeApp's `wallNow`, Date.now by default.
  const signInLink = await createSandboxSignInLink({
    sessions: composed.sessions,
    now: Date.now,
    publicBaseUrl,
  });
  writeNpmStartFile(config.dataDir, {
    pid: process.pid,
    appUrl,
    sandboxUrl,
    portalId: portal.portalId,
    adminToken,
    startedAt: new Date().toISOString(),
  });

  return {
    appUrl,
    sandboxUrl,
    portalId: portal.portalId,
    signInLink,
    installed,
    examples,
    appConfig,
    clock,
    sandbox,
    composed,
    async close() {
      removeNpmStartFile(config.dataDir, process.pid);
      clock.stop();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await composed.stop();
      await sandboxListening.close();
      sandbox.close();
    },
  };
}
