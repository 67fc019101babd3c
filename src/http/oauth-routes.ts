import { randomBytes } from "node:crypto";
import { type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import type { InstallResult } from "../app/install-portal.js";
import { AppError } from "../errors.js";
import { buildAuthorizeUrl } from "../hubspot/build-authorize-url.js";
import { STATE_TTL_MS, signState, verifyState } from "../hubspot/oauth-state.js";
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from "../hubspot/scopes.js";
import type { OAuthStateStore } from "../ports/oauth-state-store.js";
import { clearCookie, INSTALL_COOKIE, readCookie, setCookie } from "./admin-session/session-cookies.js";
import { renderInstallFailure, renderInstallSuccess } from "./views/render-install-page.js";

export type OAuthRoutesDeps = {
  clientId: string;
  /** Signs the `state` (HMAC-SHA256); the app's client secret. */
  stateSecret: string;
  authBaseUrl: string;
  /** `${PUBLIC_BASE_URL}/oauth/callback`, as listed in app.json's redirectUrls. */
  redirectUri: string;
  install: (code: string) => Promise<InstallResult>;
  /** States already used: a callback is accepted once (docs/decisions.md §OAuth state). */
  states: OAuthStateStore;
  now: () => number;
  logger: Logger;
  newNonce?: () => string;
};

const query = (req: Request, name: string) =>
  typeof req.query[name] === "string" ? req.query[name] : undefined;

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).type("html").set("Cache-Control", "no-store").send(html);
}

/**
 * GET /oauth/install and GET /oauth/callback (docs/hubspot.md §OAuth). The install is bound to the browser that
 * started it and its state works once (docs/decisions.md §OAuth state).
 */
export function createOAuthRouter(deps: OAuthRoutesDeps): Router {
  const router = Router();
  const newNonce = deps.newNonce ?? (() => randomBytes(16).toString("base64url"));
  // The redirect URI is PUBLIC_BASE_URL's: https there means the cookie only travels over https.
  const secure = deps.redirectUri.startsWith("https:");

  router.get("/oauth/install", (_req, res) => {
    const nonce = newNonce();
    // Lax, not Strict: HubSpot's redirect back is a cross-site navigation, which a Strict cookie misses.
    setCookie(res, INSTALL_COOKIE, nonce, { secure, maxAgeSec: STATE_TTL_MS / 1000, sameSite: "Lax" });
    const state = signState(deps.stateSecret, deps.now(), nonce, "install");
    const url = buildAuthorizeUrl({
      authBaseUrl: deps.authBaseUrl,
      clientId: deps.clientId,
      redirectUri: deps.redirectUri,
      scopes: REQUIRED_SCOPES,
      optionalScopes: OPTIONAL_SCOPES,
      state,
    });
    res.set("Cache-Control", "no-store").redirect(302, url);
  });

  router.get("/oauth/callback", async (req, res) => {
    const log = deps.logger.child({ route: "oauth-callback" });
    const browserNonce = readCookie(req, INSTALL_COOKIE);
    // The nonce served this one callback, whatever its outcome.
    if (browserNonce !== undefined) clearCookie(res, INSTALL_COOKIE, secure);
    const denied = query(req, "error");
    if (denied !== undefined) {
      log.info({ error: denied }, "HubSpot install was not authorized");
      const why = query(req, "error_description") ?? denied;
      return sendPage(
        res,
        400,
        renderInstallFailure("Install cancelled", `HubSpot did not grant access: ${why}`),
      );
    }
    const code = query(req, "code");
    const state = query(req, "state");
    if (code === undefined || state === undefined) {
      return sendPage(
        res,
        400,
        renderInstallFailure("Install failed", "The request lacks HubSpot's code or state."),
      );
    }
    try {
      const accepted = verifyState(deps.stateSecret, state, deps.now(), "install", browserNonce);
      if (!(await deps.states.consume(accepted.id, accepted.expiresAtMs))) {
        log.warn({ reason: "used" }, "rejected an OAuth callback state");
        const message = "This install link was used already: start the install again.";
        return sendPage(res, 400, renderInstallFailure("Install link already used", message));
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      log.warn({ reason: error.details.reason }, "rejected an OAuth callback state");
      const title =
        error.details.reason === "expired" ? "This install link expired" : "Install link not valid";
      return sendPage(res, 400, renderInstallFailure(title, error.message));
    }
    try {
      const result = await deps.install(code);
      return sendPage(res, 200, renderInstallSuccess(result));
    } catch (error) {
      const [status, message] = installFailure(error);
      const err =
        error instanceof AppError
          ? { code: error.code, message: error.message, details: error.details }
          : error;
      log.error({ err, status }, "install failed");
      return sendPage(res, status, renderInstallFailure("Install failed", message));
    }
  });

  return router;
}

/** HTTP status and user-facing text for a failed install; the log line carries the details. */
function installFailure(error: unknown): [number, string] {
  if (error instanceof AppError && error.details.reason === "invalid_grant") {
    return [400, "HubSpot refused the authorization code: it was used already or expired."];
  }
  if (error instanceof AppError && error.code === "upstream_failed") {
    return [502, "HubSpot could not complete the install right now; try again in a minute."];
  }
  return [500, "lead-score could not save the installation; the operator will find the cause in its log."];
}
