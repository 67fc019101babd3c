import type { Logger } from "pino";
import { createTokenCipher } from "../adapters/crypto/token-cipher.js";
import {
  type CrmClientCacheOptions,
  createCrmClientCache,
} from "../adapters/hubspot-client/create-crm-client-cache.js";
import { type Authorize, createAuthorize } from "../app/authorize.js";
import { type Config, isHubSpotMode } from "../config.js";
import { AppError } from "../errors.js";
import type { CrmClient } from "../ports/crm-client.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { OAuthClient } from "../ports/oauth-client.js";
import type { TokenCipher } from "../ports/token-cipher.js";
import { createOAuthClientFor } from "./compose-oauth.js";
import { loadEncryptionKey } from "./load-encryption-key.js";

/** The one door to HubSpot (docs/decisions.md §One door to HubSpot) as the HTTP app, the jobs and the CLI all use it. */
export type Door = {
  authorize: Authorize;
  /** The portal's paced CRM client; always the same one for a portal (its queues are the pacing). */
  crmFor(portalId: number): CrmClient;
};

export type DoorDeps = {
  config: Config;
  installations: InstallationStore;
  logger: Logger;
  /** compose-app.ts has one already; otherwise (the CLI) it is built from ENCRYPTION_KEY or the sandbox key file. */
  cipher?: TokenCipher;
  now?: () => number;
  /**
   * Tests inject a recording sleep, a fixed jitter and the rapid retry policy; the app its 429
   * counter and, with REDIS_URL, the rate window every instance shares.
   */
  pacing?: Pick<
    CrmClientCacheOptions,
    "policy" | "sleep" | "random" | "onRateLimited" | "onTimeout" | "sharedRateWindow"
  >;
};

// Without client credentials (`lead-score export` on a sandbox-mode DATA_DIR) an expired token cannot
// be refreshed. Saying so beats a 401 from HubSpot; the reason is not invalid_grant, so the
// installation is not marked disconnected.
const noCredentials = (): never => {
  throw new AppError(
    "unauthorized",
    "sandbox mode has no HubSpot credentials to refresh tokens: set HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET",
    { reason: "no_credentials" },
  );
};
const sandboxOAuth: OAuthClient = {
  exchangeCode: async () => noCredentials(),
  refresh: async () => noCredentials(),
  introspect: async () => noCredentials(),
  revokeRefreshToken: async () => noCredentials(),
};

/**
 * authorize() plus ONE CRM client cache: per-portal pacing at HUBSPOT_RATE_LIMIT_PER_10S only holds
 * if every caller in the process shares the clients (create-crm-client-cache.ts).
 */
export function composeDoor(deps: DoorDeps): Door {
  const { config, logger } = deps;
  const cipher = deps.cipher ?? createTokenCipher(loadEncryptionKey(config, logger));
  const authorize = createAuthorize({
    store: deps.installations,
    oauth: isHubSpotMode(config) ? createOAuthClientFor(config) : sandboxOAuth,
    cipher,
    now: deps.now ?? Date.now,
    logger,
  });
  const cache = createCrmClientCache({
    baseUrl: config.hubspotApiBaseUrl,
    ratePer10s: config.hubspotRateLimitPer10s,
    timeoutMs: config.hubspotTimeoutMs,
    logger,
    ...deps.pacing,
    // The cache keys portals by string (the CRM port's portalId); installations by number.
    accessToken: (portalId) => authorize(Number(portalId)),
  });
  return { authorize, crmFor: (portalId) => cache.forPortal(String(portalId)) };
}
