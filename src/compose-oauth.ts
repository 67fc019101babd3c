import type { Logger } from "pino";
import type { TokenCipher } from "./adapters/crypto/token-cipher.js";
import { createHubSpotOAuthClient } from "./adapters/hubspot-client/oauth-client.js";
import { type Authorize, createAuthorize } from "./app/authorize.js";
import { installPortal } from "./app/install-portal.js";
import type { Config } from "./config.js";
import type { OAuthRoutesDeps } from "./http/oauth-routes.js";
import type { InstallationStore } from "./ports/installation-store.js";

export type OAuthParts = { routes: OAuthRoutesDeps; authorize: Authorize };

/** Wires the OAuth install and authorize() for HubSpot mode; used by main.ts and the integration tests. */
export function composeOAuth(
  config: Config,
  deps: { store: InstallationStore; cipher: TokenCipher; logger: Logger; now: () => number },
): OAuthParts | undefined {
  if (config.hubspot.mode !== "hubspot") return undefined;
  const { clientId, clientSecret } = config.hubspot;
  const redirectUri = `${config.publicBaseUrl}/oauth/callback`;
  const oauth = createHubSpotOAuthClient({
    clientId,
    clientSecret,
    apiBaseUrl: config.hubspotApiBaseUrl,
    tokenVersion: config.oauthTokenVersion,
  });
  return {
    routes: {
      clientId,
      stateSecret: clientSecret,
      authBaseUrl: config.hubspotAuthBaseUrl,
      redirectUri,
      now: deps.now,
      logger: deps.logger,
      install: (code) => installPortal(code, { oauth, redirectUri, ...deps }),
    },
    authorize: createAuthorize({ oauth, ...deps }),
  };
}
