import { randomBytes } from "node:crypto";
import type { Database } from "better-sqlite3";

// OAuth grants (docs/hubspot.md §OAuth): single-use authorization codes, access tokens that expire after
// 30 minutes (follow expires_in), refresh tokens that do not expire until deleted. Expiry reads
// the sandbox clock, so advancing it by an hour makes the app refresh, as it must with HubSpot.

export const ACCESS_TOKEN_TTL_SEC = 1_800;
const CODE_TTL_MS = 10 * 60_000;

export interface StoredToken {
  token: string;
  kind: "access" | "refresh";
  clientId: string;
  scopes: string[];
  issuedAtMs: number;
  expiresAtMs: number | null;
  revoked: boolean;
}

export interface IssuedGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSec: number;
}

export interface TokenRepo {
  createCode(clientId: string, redirectUri: string, scopes: string[], nowMs: number): string;
  /** Uses up a code; null when unknown, used, expired, or issued to another client or redirect URI. */
  redeemCode(code: string, clientId: string, redirectUri: string, nowMs: number): { scopes: string[] } | null;
  issue(clientId: string, scopes: string[], nowMs: number, refreshToken?: string): IssuedGrant;
  find(token: string): StoredToken | null;
  revoke(token: string): boolean;
}

interface TokenRow {
  token: string;
  kind: "access" | "refresh";
  client_id: string;
  scopes: string;
  issued_at: number;
  expires_at: number | null;
  revoked: number;
}

// Real HubSpot tokens carry a region prefix; the shape does not matter to the app, the length
// (≤ 512 characters, docs/hubspot.md §OAuth) does.
const newSecret = (prefix: string) => `${prefix}-sbx1-${randomBytes(24).toString("base64url")}`;

export function createTokenRepo(db: Database): TokenRepo {
  const insertCode = db.prepare(
    "INSERT INTO oauth_codes (code, client_id, redirect_uri, scopes, expires_at) VALUES (?, ?, ?, ?, ?)",
  );
  const findCode = db.prepare<
    [string],
    { client_id: string; redirect_uri: string; scopes: string; expires_at: number; used: number }
  >("SELECT * FROM oauth_codes WHERE code = ?");
  const useCode = db.prepare("UPDATE oauth_codes SET used = 1 WHERE code = ?");
  const insertToken = db.prepare(
    "INSERT INTO oauth_tokens (token, kind, client_id, scopes, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const findToken = db.prepare<[string], TokenRow>("SELECT * FROM oauth_tokens WHERE token = ?");
  const revokeToken = db.prepare("UPDATE oauth_tokens SET revoked = 1 WHERE token = ? AND revoked = 0");

  return {
    createCode(clientId, redirectUri, scopes, nowMs) {
      const code = randomBytes(18).toString("hex");
      insertCode.run(code, clientId, redirectUri, scopes.join(" "), nowMs + CODE_TTL_MS);
      return code;
    },
    redeemCode(code, clientId, redirectUri, nowMs) {
      const row = findCode.get(code);
      if (!row || row.used || row.expires_at < nowMs) return null;
      if (row.client_id !== clientId || row.redirect_uri !== redirectUri) return null;
      useCode.run(code);
      return { scopes: row.scopes.split(" ").filter(Boolean) };
    },
    issue(clientId, scopes, nowMs, refreshToken) {
      const accessToken = newSecret("acc");
      insertToken.run(
        accessToken,
        "access",
        clientId,
        scopes.join(" "),
        nowMs,
        nowMs + ACCESS_TOKEN_TTL_SEC * 1000,
      );
      const refresh = refreshToken ?? newSecret("ref");
      if (!refreshToken) insertToken.run(refresh, "refresh", clientId, scopes.join(" "), nowMs, null);
      return { accessToken, refreshToken: refresh, expiresInSec: ACCESS_TOKEN_TTL_SEC };
    },
    find(token) {
      const row = findToken.get(token);
      if (!row) return null;
      return {
        token: row.token,
        kind: row.kind,
        clientId: row.client_id,
        scopes: row.scopes.split(" ").filter(Boolean),
        issuedAtMs: row.issued_at,
        expiresAtMs: row.expires_at,
        revoked: row.revoked === 1,
      };
    },
    revoke: (token) => revokeToken.run(token).changes > 0,
  };
}
