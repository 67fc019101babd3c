import type { Logger } from "pino";
import { OPTIONAL_SCOPES } from "../hubspot/scopes.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { OAuthClient } from "../ports/oauth-client.js";
import type { TokenCipher } from "../ports/token-cipher.js";
import { sealGrant } from "./seal-grant.js";

export type InstallPortalDeps = {
  oauth: OAuthClient;
  store: InstallationStore;
  cipher: TokenCipher;
  /** Must equal the redirect_uri of the authorize step (docs/hubspot.md §OAuth token exchange). */
  redirectUri: string;
  now: () => number;
  logger: Pick<Logger, "info" | "error">;
  /** Work that follows an install (provisioning, resuming paused jobs); its notes reach the page. */
  onInstalled?: OnInstalled;
};

/**
 * Runs after the installation is saved; returns notes for the install page (what could not be done
 * yet). It should not throw: a failure here must not undo or fail an install that succeeded.
 */
export type OnInstalled = (portalId: number) => Promise<string[]>;

export type InstallResult = {
  portalId: number;
  scopes: string[];
  /** Optional scopes the account did not grant (docs/hubspot.md §OAuth: check what was actually granted). */
  missingOptionalScopes: string[];
  reinstalled: boolean;
  /** What onInstalled could not do, for the page's "what happens next"; absent when all went well. */
  notes?: string[];
};

/** The OAuth callback's use case: code → tokens → account and granted scopes → sealed installation. */
export async function installPortal(code: string, deps: InstallPortalDeps): Promise<InstallResult> {
  const grant = await deps.oauth.exchangeCode(code, deps.redirectUri);
  // The token answer does not reliably carry the account (docs/hubspot.md §OAuth token introspection): introspect.
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
  const notes = await afterInstall(info.hubId, deps);
  return {
    portalId: info.hubId,
    scopes: info.scopes,
    missingOptionalScopes,
    reinstalled: previous !== undefined,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

async function afterInstall(portalId: number, deps: InstallPortalDeps): Promise<string[]> {
  if (!deps.onInstalled) return [];
  try {
    return await deps.onInstalled(portalId);
  } catch (error) {
    deps.logger.error({ portalId, err: error }, "after-install work failed; the installation is kept");
    return ["lead-score could not finish setting up this account; it retries when a score is enabled."];
  }
}
