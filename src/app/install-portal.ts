import type { Logger } from "pino";
import type { TokenCipher } from "../adapters/crypto/token-cipher.js";
import { OPTIONAL_SCOPES } from "../hubspot/scopes.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { OAuthClient } from "../ports/oauth-client.js";
import { sealGrant } from "./seal-grant.js";

export type InstallPortalDeps = {
  oauth: OAuthClient;
  store: InstallationStore;
  cipher: TokenCipher;
  /** Must equal the redirect_uri of the authorize step (HUBSPOT.md §4 token exchange). */
  redirectUri: string;
  now: () => number;
  logger: Pick<Logger, "info">;
};

export type InstallResult = {
  portalId: number;
  scopes: string[];
  /** Optional scopes the account did not grant (HUBSPOT.md §4: check what was actually granted). */
  missingOptionalScopes: string[];
  reinstalled: boolean;
};

/** The OAuth callback's use case: code → tokens → account and granted scopes → sealed installation. */
export async function installPortal(code: string, deps: InstallPortalDeps): Promise<InstallResult> {
  const grant = await deps.oauth.exchangeCode(code, deps.redirectUri);
  // The token answer does not reliably carry the account (HUBSPOT.md §4 "Token metadata"): introspect.
  const info = await deps.oauth.introspect(grant.accessToken);
  const nowMs = deps.now();
  const previous = await deps.store.get(info.hubId);
  await deps.store.save({
    portalId: info.hubId,
    hubId: info.hubId,
    ...sealGrant(deps.cipher, info.hubId, grant, nowMs),
    scopes: [...info.scopes].sort(),
    status: "connected",
    installedAtMs: nowMs,
  });
  const missingOptionalScopes = OPTIONAL_SCOPES.filter((s) => !info.scopes.includes(s));
  deps.logger.info(
    { portalId: info.hubId, scopes: info.scopes, missingOptionalScopes, reinstalled: previous !== undefined },
    "HubSpot account installed",
  );
  return {
    portalId: info.hubId,
    scopes: info.scopes,
    missingOptionalScopes,
    reinstalled: previous !== undefined,
  };
}
