import type { AddressInfo } from "node:net";
import { createTokenCipher } from "./adapters/crypto/token-cipher.js";
import { createKeyvInstallationStore } from "./adapters/stores/keyv-installation-store.js";
import { openKeyv } from "./adapters/stores/open-keyv.js";
import { composeOAuth } from "./compose-oauth.js";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { createHttpApp } from "./http/create-http-app.js";
import { loadEncryptionKey } from "./load-encryption-key.js";
import { createLogger } from "./logger.js";
import type { Installation } from "./ports/installation-store.js";
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
  const cipher = createTokenCipher(loadEncryptionKey(config, logger));
  const installations = createKeyvInstallationStore(
    await openKeyv<Installation>(config.databaseUrl, "installations"),
  );

  // authorize() is what the HubSpot door calls for each portal's token (wired with it in issue 3's door part).
  const oauth = composeOAuth(config, { store: installations, cipher, logger, now: () => Date.now() });
  if (oauth) {
    logger.info(
      { publicBaseUrl: config.publicBaseUrl },
      `HubSpot mode: install at ${config.publicBaseUrl}/oauth/install`,
    );
  } else {
    logger.info({ publicBaseUrl: config.publicBaseUrl }, "no HubSpot credentials: sandbox mode");
  }

  const server = createHttpApp({ version, ...(oauth ? { oauth: oauth.routes } : {}) }).listen(
    config.port,
    () => {
      const { port } = server.address() as AddressInfo;
      logger.info({ port, version }, `lead-score listening on http://localhost:${port}`);
    },
  );
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

await start();
