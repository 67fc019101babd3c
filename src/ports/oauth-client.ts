// The narrow OAuth door (docs/hubspot.md §OAuth). Implemented by src/adapters/hubspot-client/oauth-client.ts,
// the only place that talks to HubSpot's token endpoints.

export type TokenGrant = {
  accessToken: string;
  refreshToken: string;
  /** docs/hubspot.md §OAuth: follow expires_in (1800 s today), never a hard-coded lifetime. */
  expiresInSec: number;
};

/** The HubSpot user who granted a token: the token info's `user` (an email) and `user_id`. */
export type TokenUser = { email?: string; id?: number };

export type TokenInfo = {
  hubId: number;
  scopes: string[];
  /** Absent when HubSpot's answer did not name the user (docs/hubspot.md §OAuth token introspection). */
  user?: TokenUser;
};

/**
 * Failures are AppErrors: code "unauthorized" with details.reason "invalid_grant" when HubSpot refuses
 * the code or refresh token (revoked, uninstalled, reused); code "upstream_failed" (details.status,
 * details.correlationId) for anything else.
 */
export interface OAuthClient {
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>;
  refresh(refreshToken: string): Promise<TokenGrant>;
  /** The account and the scopes actually granted to an access token. */
  introspect(accessToken: string): Promise<TokenInfo>;
  /** Deletes a refresh token (the portal is erased); it does not uninstall the app (docs/hubspot.md §OAuth). */
  revokeRefreshToken(refreshToken: string): Promise<void>;
}
