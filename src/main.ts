import type { AddressInfo } from "node:net";
import { composeApp } from "./compose/compose-app.js";
import { type Config, ConfigError, isHubSpotMode, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { loadExampleScores } from "./sandbox-mode/load-example-scores.js";
import { renderSandboxBanner } from "./sandbox-mode/render-sandbox-banner.js";
import { startSandboxMode } from "./sandbox-mode/start-sandbox-mode.js";
import { loadVersion } from "./version.js";

// Composition root: the only place that reads the environment.
async function start(): Promise<void> {
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
  if (!isHubSpotMode(config)) {
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
    return;
  }
  const composed = await composeApp(config, { logger, version });
  logger.info(
    { publicBaseUrl: config.publicBaseUrl },
    `HubSpot mode: install at ${config.publicBaseUrl}/oauth/install`,
  );
  const server = composed.app.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, version }, `lead-score listening on http://localhost:${port}`);
    composed.start();
  });
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

await start();
