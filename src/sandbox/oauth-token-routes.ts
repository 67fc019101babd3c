import { randomUUID } from "node:crypto";
import express, { type Response, Router } from "express";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { StoredToken } from "./token-repo.js";

// Token endpoints (docs/hubspot.md §OAuth): /oauth/v1/token (form; authorization_code or refresh_token),
// /oauth/v1/access-tokens/{token}, /oauth/v1/refresh-tokens/{token} (GET, DELETE), and the
// date-versioned /oauth/2026-03/token, /token/introspect and /token/revoke. v1 errors are {status, message}
// with status BAD_AUTH_CODE / BAD_REFRESH_TOKEN / BAD_CLIENT_ID; 2026-03 adds RFC 6749's
// `error` and `error_description` and keeps status/message (HubSpot changelog, docs/hubspot.md §OAuth).

type Form = Record<string, unknown>;
type Version = "v1" | "2026-03";

class TokenError extends Error {
  constructor(
    readonly status: string,
    readonly rfcError: string,
    message: string,
  ) {
    super(message);
  }
}

function sendTokenError(res: Response, version: Version, error: TokenError) {
  res.status(400).json({
    status: error.status,
    message: error.message,
    correlationId: randomUUID(),
    ...(version === "2026-03" ? { error: error.rfcError, error_description: error.message } : {}),
  });
}

export function createOAuthTokenRoutes(portal: SandboxPortal): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });
  const { tokens, app } = portal;
  const user = "sandbox-user@example.com";
  const hubDomain = `sandbox-${portal.portalId}.example.com`;

  function checkClient(body: Form) {
    if (body.client_id !== app.clientId)
      throw new TokenError("BAD_CLIENT_ID", "invalid_client", "missing or invalid client id");
    if (body.client_secret !== app.clientSecret)
      throw new TokenError("BAD_CLIENT_SECRET", "invalid_client", "missing or invalid client secret");
  }

  /** A 2026-03 form from the app's own client; otherwise answers the error and gives undefined. */
  function clientForm2026(raw: unknown, res: Response): Form | undefined {
    const body = (raw ?? {}) as Form;
    try {
      checkClient(body);
      return body;
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      sendTokenError(res, "2026-03", error);
      return undefined;
    }
  }

  function grant(body: Form) {
    checkClient(body);
    const nowMs = portal.clock.nowMs();
    if (body.grant_type === "authorization_code") {
      const redeemed = tokens.redeemCode(
        String(body.code ?? ""),
        app.clientId,
        String(body.redirect_uri ?? ""),
        nowMs,
      );
      if (!redeemed) throw new TokenError("BAD_AUTH_CODE", "invalid_grant", "missing or unknown auth code");
      return tokens.issue(app.clientId, redeemed.scopes, nowMs);
    }
    if (body.grant_type === "refresh_token") {
      const refresh = tokens.find(String(body.refresh_token ?? ""));
      if (refresh?.kind !== "refresh" || refresh.revoked)
        throw new TokenError("BAD_REFRESH_TOKEN", "invalid_grant", "missing or invalid refresh token");
      return tokens.issue(app.clientId, refresh.scopes, nowMs, refresh.token);
    }
    throw new TokenError(
      "BAD_GRANT_TYPE",
      "unsupported_grant_type",
      "grant_type must be authorization_code or refresh_token",
    );
  }

  const tokenRoute = (version: Version) => (req: express.Request, res: Response) => {
    try {
      const issued = grant((req.body ?? {}) as Form);
      res.json({
        token_type: "bearer",
        access_token: issued.accessToken,
        refresh_token: issued.refreshToken,
        expires_in: issued.expiresInSec,
      });
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      sendTokenError(res, version, error);
    }
  };
  router.post("/oauth/v1/token", form, tokenRoute("v1"));
  router.post("/oauth/2026-03/token", form, tokenRoute("2026-03"));

  const live = (token: StoredToken | null, kind: StoredToken["kind"]) =>
    token &&
    token.kind === kind &&
    !token.revoked &&
    (token.expiresAtMs === null || token.expiresAtMs > portal.clock.nowMs())
      ? token
      : null;
  const notFound = (res: Response, what: string) =>
    res
      .status(404)
      .json({ status: "error", message: `${what} not found or expired`, correlationId: randomUUID() });

  router.get("/oauth/v1/access-tokens/:token", (req, res) => {
    const token = live(tokens.find(req.params.token), "access");
    if (!token) return notFound(res, "access token");
    const expiresInSec = Math.floor(((token.expiresAtMs ?? 0) - portal.clock.nowMs()) / 1000);
    res.json({
      token: token.token,
      user,
      hub_domain: hubDomain,
      scopes: token.scopes,
      signed_access_token: {
        expiresAt: token.expiresAtMs,
        hubId: portal.portalId,
        appId: app.appId,
        userId: 1,
        hublet: "na1",
      },
      hub_id: portal.portalId,
      app_id: app.appId,
      expires_in: expiresInSec,
      user_id: 1,
      token_type: "access",
    });
  });

  router.get("/oauth/v1/refresh-tokens/:token", (req, res) => {
    const token = live(tokens.find(req.params.token), "refresh");
    if (!token) return notFound(res, "refresh token");
    res.json({
      token: token.token,
      user,
      hub_domain: hubDomain,
      scopes: token.scopes,
      hub_id: portal.portalId,
      client_id: app.clientId,
      user_id: 1,
      token_type: "refresh",
    });
  });

  router.delete("/oauth/v1/refresh-tokens/:token", (req, res) => {
    if (!live(tokens.find(req.params.token), "refresh")) return notFound(res, "refresh token");
    tokens.revoke(req.params.token);
    res.status(204).end();
  });

  // docs/hubspot.md §OAuth token revocation: only the error answer is specified; like RFC 7009, an unknown token is no error.
  router.post("/oauth/2026-03/token/revoke", form, (req, res) => {
    const body = clientForm2026(req.body, res);
    if (!body) return;
    const token = String(body.token ?? "");
    if (live(tokens.find(token), "refresh")) tokens.revoke(token);
    res.status(200).end();
  });

  router.post("/oauth/2026-03/token/introspect", form, (req, res) => {
    const body = clientForm2026(req.body, res);
    if (!body) return;
    const found = tokens.find(String(body.token ?? ""));
    const token = found && (live(found, "access") ?? live(found, "refresh"));
    if (!token) return void res.json({ active: false });
    res.json({
      active: true,
      token_type: token.kind === "access" ? "access_token" : "refresh_token",
      client_id: app.clientId,
      hub_id: portal.portalId,
      app_id: app.appId,
      user_id: 1,
      user,
      hub_domain: hubDomain,
      scopes: token.scopes,
      iat: Math.floor(token.issuedAtMs / 1000),
      ...(token.expiresAtMs === null ? {} : { exp: Math.floor(token.expiresAtMs / 1000) }),
    });
  });
  return router;
}
