import type { Logger } from "pino";
import { AppError } from "../errors.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { OAuthClient } from "../ports/oauth-client.js";
import type { TokenCipher } from "../ports/token-cipher.js";
import { sealGrant, tokenContext } from "./seal-grant.js";

/** Refresh this long before expiry so a token never dies mid-batch (docs/hubspot.md §OAuth: track the TTL, don't wait for 401). */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export type AuthorizeDeps = {
  store: InstallationStore;
  oauth: OAuthClient;
  cipher: TokenCipher;
  now: () => number;
  logger: Pick<Logger, "info" | "warn">;
  refreshMarginMs?: number;
};

/** A valid access token for a portal; throws AppError "not_found" or "disconnected". */
export type Authorize = (portalId: number) => Promise<string>;

/**
 * The one place tokens are refreshed (after @slack/oauth's authorize()). Concurrent calls for one
 * portal share one refresh. invalid_grant means the app was uninstalled or access revoked (docs/hubspot.md §OAuth):
 * the installation is marked disconnected (kept, so its work pauses rather than being dropped).
 */
export function createAuthorize(deps: AuthorizeDeps): Authorize {
  const margin = deps.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const refreshing = new Map<number, Promise<string>>();

  async function refresh(portalId: number, refreshTokenSealed: string): Promise<string> {
    const current = await deps.store.get(portalId);
    if (current === undefined) throw new AppError("not_found", `portal ${portalId} has no installation`);
    const refreshToken = deps.cipher.open(refreshTokenSealed, tokenContext(portalId));
    try {
      const grant = await deps.oauth.refresh(refreshToken);
      await deps.store.save({ ...current, ...sealGrant(deps.cipher, portalId, grant, deps.now()) });
      deps.logger.info({ portalId, expiresInSec: grant.expiresInSec }, "refreshed the HubSpot access token");
      return grant.accessToken;
    } catch (error) {
      if (!(error instanceof AppError && error.details.reason === "invalid_grant")) throw error;
      await deps.store.markDisconnected(portalId, deps.now(), "invalid_grant");
      deps.logger.warn({ portalId }, "HubSpot refused the refresh token: portal marked disconnected");
      throw disconnected(portalId, "invalid_grant");
    }
  }

  return async (portalId) => {
    const installation = await deps.store.get(portalId);
    if (installation === undefined) throw new AppError("not_found", `portal ${portalId} has no installation`);
    if (installation.status === "disconnected") {
      throw disconnected(portalId, installation.disconnectReason ?? "disconnected");
    }
    if (installation.expiresAtMs - deps.now() > margin) {
      return deps.cipher.open(installation.accessTokenSealed, tokenContext(portalId));
    }
    const pending = refreshing.get(portalId);
    if (pending !== undefined) return pending;
    const started = refresh(portalId, installation.refreshTokenSealed).finally(() =>
      refreshing.delete(portalId),
    );
    refreshing.set(portalId, started);
    return started;
  };
}

function disconnected(portalId: number, reason: string): AppError {
  return new AppError(
    "disconnected",
    `portal ${portalId} is disconnected (${reason}): reinstall the app from /oauth/install`,
    { portalId, reason },
  );
}
