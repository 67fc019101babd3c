import { Client } from "@hubspot/api-client";
import type { OAuthTokenVersion } from "../../config.js";
import { AppError } from "../../errors.js";
import type { OAuthClient, TokenGrant } from "../../ports/oauth-client.js";
import { createAbortableAgent } from "./abortable-agent.js";
import { DEFAULT_TIMEOUT_MS, runWithDeadline, tokenCallUnanswered } from "./call-deadline.js";
import {
  type AppCredentials,
  introspect2026,
  requestToken2026,
  revoke2026,
  tokenUser,
} from "./oauth-token-2026-03.js";
import { sdkCallOptions } from "./sdk-call-options.js";

export type OAuthClientOptions = AppCredentials & {
  apiBaseUrl: string;
  tokenVersion: OAuthTokenVersion;
  /** HUBSPOT_TIMEOUT_MS: a token call past it is aborted (call-deadline.ts); 30 s when unset. */
  timeoutMs?: number;
};

// One SDK Client without access token, retries or limiter: token calls are few, must not be retried
// blindly (a code is single-use), and creating a Client resets the SDK's process-wide decorators
// (docs/hubspot.md §SDK retries and pacing), so this one is built once per process.
export function createHubSpotOAuthClient(options: OAuthClientOptions): OAuthClient {
  const client = new Client({ basePath: options.apiBaseUrl });
  const app = { clientId: options.clientId, clientSecret: options.clientSecret };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agentFor = createAbortableAgent(options.apiBaseUrl);
  // A token call that never answers would hold up every call of its portal behind authorize():
  // each has the door's deadline, and is not retried here (a code is single-use).
  const v1Call = <T>(path: string, call: (sdkOptions: ReturnType<typeof sdkCallOptions>) => Promise<T>) =>
    mapV1Errors(path, () =>
      runWithDeadline(timeoutMs, path, (signal) => call(sdkCallOptions(agentFor, signal))),
    );
  if (options.tokenVersion === "2026-03") {
    const http = { baseUrl: options.apiBaseUrl, timeoutMs };
    return {
      exchangeCode: (code, redirectUri) =>
        requestToken2026(http, app, { grant_type: "authorization_code", code, redirect_uri: redirectUri }),
      refresh: (refreshToken) =>
        requestToken2026(http, app, { grant_type: "refresh_token", refresh_token: refreshToken }),
      introspect: (accessToken) => introspect2026(http, app, accessToken),
      // docs/hubspot.md §OAuth token revocation: the 2026-03 revoke, so erasing a portal no longer needs /oauth/v1.
      revokeRefreshToken: (refreshToken) => revoke2026(http, app, refreshToken),
    };
  }
  const { refreshTokensApi } = client.oauth;
  const revokeRefreshToken = async (refreshToken: string) => {
    await v1Call("/oauth/v1/refresh-tokens", (o) => refreshTokensApi.archive(refreshToken, o));
  };
  // v1 (deprecated 2027-02-16, docs/hubspot.md §OAuth endpoint versions): the SDK's typed TokensApi / AccessTokensApi.
  const { tokensApi, accessTokensApi } = client.oauth;
  const v1Token = async (grant: V1Grant): Promise<TokenGrant> => {
    const res = await v1Call("/oauth/v1/token", (o) => tokensApi.create(...grant, o));
    return { accessToken: res.accessToken, refreshToken: res.refreshToken, expiresInSec: res.expiresIn };
  };
  return {
    exchangeCode: (code, redirectUri) =>
      v1Token(["authorization_code", code, redirectUri, app.clientId, app.clientSecret, undefined]),
    refresh: (refreshToken) =>
      v1Token(["refresh_token", undefined, undefined, app.clientId, app.clientSecret, refreshToken]),
    introspect: async (accessToken) => {
      const info = await v1Call("/oauth/v1/access-tokens", (o) => accessTokensApi.get(accessToken, o));
      return {
        hubId: info.hubId,
        scopes: info.scopes,
        ...tokenUser(info.user || undefined, info.userId || undefined),
      };
    },
    revokeRefreshToken,
  };
}

type V1Grant = [
  grantType: string,
  code: string | undefined,
  redirectUri: string | undefined,
  clientId: string,
  clientSecret: string,
  refreshToken: string | undefined,
];

type SdkError = { code?: unknown; body?: { message?: unknown; correlationId?: unknown } };

/**
 * The SDK deserialises error bodies into its `Error` model and drops `status`/`error`, keeping `message`;
 * a refused refresh token reads "missing or invalid refresh token" (BAD_REFRESH_TOKEN) and a refused
 * code "missing or unknown auth code" (BAD_AUTH_CODE), so those messages mark invalid_grant.
 */
async function mapV1Errors<T>(path: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { code, body } = error as SdkError;
    if (typeof code !== "number") throw tokenCallUnanswered(path, error);
    const message = typeof body?.message === "string" ? body.message : "no error description";
    const details = { status: code, path, correlationId: body?.correlationId };
    if (code === 400 && /(refresh token|auth code)/i.test(message)) {
      throw new AppError("unauthorized", `HubSpot refused the grant at ${path} (invalid_grant)`, {
        ...details,
        reason: "invalid_grant",
      });
    }
    throw new AppError("upstream_failed", `HubSpot answered ${code} at ${path}: ${message}`, details);
  }
}
