import { type Request, Router } from "express";
import { renderAdminMessage } from "../../admin/views/render-sign-in-page.js";
import { AppError } from "../../errors.js";
import { buildAuthorizeUrl } from "../../hubspot/build-authorize-url.js";
import { STATE_TTL_MS, signState, verifyState } from "../../hubspot/oauth-state.js";
import { OPTIONAL_SCOPES, REQUIRED_SCOPES } from "../../hubspot/scopes.js";
import type { TokenInfo } from "../../ports/oauth-client.js";
import { hubspotUserName } from "../admin-session/hubspot-user-name.js";
import { clearCookie, OAUTH_COOKIE, readCookie, setCookie } from "../admin-session/session-cookies.js";
import { newSecret } from "../admin-session/sign-in-links.js";
import { startSession } from "../admin-session/start-session.js";
import { type AdminOAuthDeps, type AdminPageDeps, secureCookiesFor } from "./admin-page-deps.js";
import { sendPage } from "./send-page.js";

const query = (req: Request, name: string) =>
  typeof req.query[name] === "string" ? (req.query[name] as string) : undefined;

/**
 * Sign-in 1 (docs/decisions.md §Admin sign-in): HubSpot's authorize flow again, which HubSpot only lets users
 * allowed to install apps complete; the token's introspection names the hub, and the session is bound to it
 * if lead-score is installed there. The token itself is not kept: the installation has its own.
 */
export function createOAuthSignInRoutes(deps: AdminPageDeps & { oauth: AdminOAuthDeps }): Router {
  const router = Router();
  const secure = secureCookiesFor(deps);
  const redirectUri = `${deps.publicBaseUrl}/admin/oauth/callback`;
  const fail = (title: string, message: string) =>
    renderAdminMessage(title, message, { href: "/admin/sign-in", text: "Back to sign-in" });

  router.get("/admin/oauth/start", (_req, res) => {
    const nonce = newSecret();
    setCookie(res, OAUTH_COOKIE, nonce, { secure, maxAgeSec: STATE_TTL_MS / 1000, sameSite: "Lax" });
    const url = buildAuthorizeUrl({
      authBaseUrl: deps.oauth.authBaseUrl,
      clientId: deps.oauth.clientId,
      redirectUri,
      scopes: REQUIRED_SCOPES,
      optionalScopes: OPTIONAL_SCOPES,
      state: signState(deps.oauth.stateSecret, deps.now(), nonce, "admin-sign-in"),
    });
    res.set("Cache-Control", "no-store").redirect(302, url);
  });

  router.get("/admin/oauth/callback", async (req, res) => {
    const cookie = readCookie(req, OAUTH_COOKIE);
    clearCookie(res, OAUTH_COOKIE, secure);
    const denied = query(req, "error");
    if (denied !== undefined) return sendPage(res, 400, fail("Sign-in cancelled", `HubSpot said: ${denied}`));
    const code = query(req, "code");
    const state = query(req, "state") ?? "";
    if (code === undefined) return sendPage(res, 400, fail("Sign-in failed", "HubSpot's code is missing."));
    // Bound to this browser, so someone else's callback URL cannot sign this browser in (login CSRF),
    // and single-use (docs/decisions.md §OAuth state).
    try {
      const accepted = verifyState(deps.oauth.stateSecret, state, deps.now(), "admin-sign-in", cookie);
      if (!(await deps.oauth.states.consume(accepted.id, accepted.expiresAtMs)))
        return sendPage(res, 400, fail("Sign-in failed", "This sign-in was used already: sign in again."));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const message =
        error.details.reason === "other_browser"
          ? "The sign-in was not started in this browser."
          : "The sign-in expired or was not started here.";
      return sendPage(res, 400, fail("Sign-in failed", message));
    }
    let info: TokenInfo;
    try {
      const grant = await deps.oauth.client.exchangeCode(code, redirectUri);
      info = await deps.oauth.client.introspect(grant.accessToken);
    } catch (error) {
      deps.logger.warn({ err: error, route: "admin-oauth-callback" }, "HubSpot sign-in failed");
      // A code HubSpot refuses (used already: a replayed callback, or expired) is the request's fault, not
      // HubSpot's: 400, as the install callback answers.
      if (error instanceof AppError && error.details.reason === "invalid_grant")
        return sendPage(
          res,
          400,
          fail("Sign-in failed", "This sign-in was used already or expired: sign in again."),
        );
      return sendPage(res, 502, fail("Sign-in failed", "HubSpot did not confirm the sign-in; try again."));
    }
    const { hubId } = info;
    if (!(await deps.installations.get(hubId))) {
      const message = `lead-score is not installed in HubSpot account ${hubId}: install it first (/oauth/install).`;
      return sendPage(res, 403, fail("Not installed", message));
    }
    await startSession({ sessions: deps.sessions, now: deps.now, secureCookies: secure }, res, {
      name: hubspotUserName(info),
      portals: [hubId],
      via: "oauth",
    });
    deps.logger.info({ portalId: hubId }, "admin page sign-in with HubSpot");
    res.redirect(303, `/admin/portals/${hubId}`);
  });

  return router;
}
