import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";

export type KeyLogger = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export const ENCRYPTION_KEY_FILE = "encryption-key";
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * The ENCRYPTION_KEY to use. HubSpot mode always has one from the environment (config.ts requires it);
 * sandbox mode generates one on first start and keeps it under DATA_DIR with mode 0600
 * (docs/decisions.md §Two modes), so tokens stored by the sandbox stay readable across restarts. Never logs
 * the key itself.
 */
export function loadEncryptionKey(
  config: Pick<Config, "encryptionKey" | "dataDir">,
  logger: KeyLogger,
): string {
  if (config.encryptionKey !== undefined) return config.encryptionKey;
  const path = join(config.dataDir, ENCRYPTION_KEY_FILE);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    // "wx": never overwrite a key that exists, even if two processes start at once.
    writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    logger.info({ path }, `generated ENCRYPTION_KEY and stored it in ${path} (mode 0600); keep this file`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    logger.info({ path }, `using ENCRYPTION_KEY stored in ${path}`);
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    logger.warn({ path }, `${path} was readable by other users; reset its mode to 0600`);
  }
  const key = readFileSync(path, "utf8").trim().toLowerCase();
  if (!HEX_KEY.test(key)) {
    throw new Error(
      `${path} does not hold a 64-hex-character key: restore it from a backup or set ENCRYPTION_KEY`,
    );
  }
  return key;
}
