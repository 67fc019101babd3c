import type { AddressInfo } from "node:net";
import { composeApp } from "./compose-app.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
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
  const { app, mode, signInLink } = await composeApp(config, { logger, version });
  if (mode === "hubspot") {
    logger.info(
      { publicBaseUrl: config.publicBaseUrl },
      `HubSpot mode: install at ${config.publicBaseUrl}/oauth/install`,
    );
  } else {
    logger.info({ publicBaseUrl: config.publicBaseUrl }, "no HubSpot credentials: sandbox mode");
  }
  const server = app.listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    logger.info({ port, version }, `lead-score listening on http://localhost:${port}`);
    // A credential: on stdout for the person who started the app, never in the log.
    if (signInLink)
      process.stdout.write(`Admin page: open ${signInLink} to sign in (works once, for 24 h)\n`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await start();
