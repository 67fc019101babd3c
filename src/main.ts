import { createServer } from "node:http";
import type { Logger } from "pino";
import { composeApp } from "./compose/compose-app.js";
import { type Config, ConfigError, type HubSpotModeConfig, isHubSpotMode, loadConfig } from "./config.js";
import { createStartingGate } from "./http/starting-gate.js";
import { createLogger } from "./logger.js";
import { loadExampleScores } from "./sandbox-mode/load-example-scores.js";
import { renderSandboxBanner } from "./sandbox-mode/render-sandbox-banner.js";
import { startSandboxMode } from "./sandbox-mode/start-sandbox-mode.js";
import { checkDataDir } from "./start-up/check-data-dir.js";
import { explainStartupFailure } from "./start-up/explain-startup-failure.js";
import { listenHttp } from "./start-up/listen-http.js";
import { loadVersion } from "./version.js";

async function startSandbox(config: Config, logger: Logger, version: string): Promise<void> {
  // No credentials: a local sandbox portal in this process, installed into the app
  // (docs/decisions.md §Sandbox portal).
  logger.info("no HubSpot credentials: sandbox mode, starting a local sandbox portal");
  // Quick start (docs/decisions.md §Quick start): examples/*.json are created and enabled when this start
  // installs the portal.
  const running = await startSandboxMode(config, { logger, version, exampleScores: loadExampleScores() });
  logger.info(
    { port: running.appConfig.port, version, sandboxUrl: running.sandboxUrl, portalId: running.portalId },
    `lead-score listening on ${running.appUrl}, sandbox portal ${running.portalId} installed (${running.installed})`,
  );
  // Credentials: on stdout for the person who started the app, never in the log.
  process.stdout.write(renderSandboxBanner({ ...running, dataDir: config.dataDir }));
  running.composed.start();
  // SIGTERM stops intake and re-queues work; whatever is cut short resumes at the next start.
  const stop = () => {
    setTimeout(() => process.exit(0), 10_000).unref();
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function startHubSpot(config: HubSpotModeConfig, logger: Logger, version: string): Promise<void> {
  // Bound first: a busy PORT is reported before any store opens, and requests that come while the
  // app is composed get a 503 "starting" (src/http/starting-gate.ts) instead of no answer.
  const gate = createStartingGate(version);
  const server = createServer(gate.handle);
  const port = await listenHttp(server, config.port, "PORT");
  logger.info({ port }, `bound port ${port}; answering 503 "starting" until the app is ready`);
  const composed = await composeApp(config, { logger, version });
  gate.open(composed.app);
  logger.info(
    { publicBaseUrl: config.publicBaseUrl },
    `HubSpot mode: install at ${config.publicBaseUrl}/oauth/install`,
  );
  logger.info({ port, version }, `lead-score listening on http://localhost:${port}`);
  composed.start();
  // docs/decisions.md §Graceful shutdown: SIGTERM stops intake, finishes or re-queues work, and exits within
  // 10 s.
  const stop = () => {
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close();
    void composed.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

// Composition root: the only place that reads the environment.
async function start(): Promise<void> {
  // docs/decisions.md §Every file under DATA_DIR: the inbox holds webhook property values and the
  // stores hold sealed tokens, so every file and folder this process creates (SQLite's -wal and -shm
  // files included, which no chmod after opening would reach) is its user's alone.
  process.umask(0o077);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const version = loadVersion();
  try {
    checkDataDir(config.dataDir, config.databaseUrl);
    if (isHubSpotMode(config)) await startHubSpot(config, logger, version);
    else await startSandbox(config, logger, version);
  } catch (error) {
    // One line naming the setting to change; the stack only for LOG_LEVEL=debug.
    const debug = config.logLevel === "debug" || config.logLevel === "trace";
    process.stderr.write(explainStartupFailure(error, { dataDir: config.dataDir, debug }));
    process.exit(1);
  }
}

await start();
