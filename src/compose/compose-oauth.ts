import type { Logger } from "pino";
import { createHubSpotOAuthClient } from "../adapters/hubspot-client/oauth-client.js";
import { type Authorize, createAuthorize } from "../app/authorize.js";
import { installPortal, type OnInstalled } from "../app/install-portal.js";
import type { HubSpotModeConfig } from "../config.js";
import type { OAuthRoutesDeps } from "../http/oauth-routes.js";
import type { InstallationStore } from "../ports/installation-store.js";
import type { OAuthClient } from "../ports/oauth-client.js";
import type { OAuthStateStore } from "../ports/oauth-state-store.js";
import type { TokenCipher } from "../ports/token-cipher.js";

export type OAuthParts = { routes: OAuthRoutesDeps; authorize: Authorize };

export type OAuthDeps = {
  store: InstallationStore;
  cipher: TokenCipher;
  logger: Logger;
  now: () => number;
  /** What the install's `state` expires by: the real time (compose-app.ts `wallNow`); default `now`. */
  stateNow?: () => number;
  /** States already used (docs/decisions.md §OAuth state). */
  states: OAuthStateStore;
  /**
   * The process's one authorize() (composeDoor's), so the install routes and the CRM door share
   * one refresh per portal; a new one is built when absent.
   */
  authorize?: Authorize;
  /** Runs after every successful install: provisioning, resuming paused jobs (app/after-install.ts). */
  onInstalled?: OnInstalled;
};

/** HubSpot's token endpoints for the app's credentials. */
export function createOAuthClientFor(config: HubSpotModeConfig): OAuthClient {
  return createHubSpotOAuthClient({
    clientId: config.hubspot.clientId,
    clientSecret: config.hubspot.clientSecret,
    apiBaseUrl: config.hubspotApiBaseUrl,
    tokenVersion: config.oauthTokenVersion,
    timeoutMs: config.hubspotTimeoutMs,
  });
}

/** Wires the OAuth install and authorize(); used by compose-app.ts and the integration tests. */
export function composeOAuth(config: HubSpotModeConfig, deps: OAuthDeps): OAuthParts {
  const oauth = createOAuthClientFor(config);
  const { authorize, onInstalled, stateNow, states, ...shared } = deps;
  const redirectUri = `${config.publicBaseUrl}/oauth/callback`;
  return {
    routes: {
      clientId: config.hubspot.clientId,
      stateSecret: config.hubspot.clientSecret,
      authBaseUrl: config.hubspotAuthBaseUrl,
      redirectUri,
      now: stateNow ?? deps.now,
      states,
      logger: deps.logger,
      install: (code) =>
        installPortal(code, { oauth, redirectUri, ...shared, ...(onInstalled ? { onInstalled } : {}) }),
    },
    authorize: authorize ?? createAuthorize({ oauth, ...shared }),
  };
}
