import { createHash, timingSafeEqual } from "node:crypto";
import { type Request, type Response, Router } from "express";
import {
  renderAdminMessage,
  renderSignInLinkPage,
  renderSignInPage,
} from "../../admin/views/render-sign-in-page.js";
import { isSameSecret } from "../admin-session/require-page-session.js";
import {
  clearCookie,
  readCookie,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  setCookie,
} from "../admin-session/session-cookies.js";
import { newSecret, redeemSignInLink } from "../admin-session/sign-in-links.js";
import { startSession } from "../admin-session/start-session.js";
import { type AdminPageDeps, secureCookiesFor } from "./admin-page-deps.js";
import { sendPage } from "./send-page.js";

const field = (req: Request, name: string) =>
  typeof req.body?.[name] === "string" ? (req.body[name] as string) : "";
const digest = (value: string) => createHash("sha256").update(value).digest();

/** Sign-in 3 (ADMIN_TOKEN form), the redemption of one-time links (2 and 4), and sign-out. */
export function createSignInRoutes(deps: AdminPageDeps): Router {
  const router = Router();
  const secure = secureCookiesFor(deps);
  const sessionDeps = { sessions: deps.sessions, now: deps.now, secureCookies: secure };
  const expectedToken = deps.adminToken === undefined ? undefined : digest(deps.adminToken);

  // A fresh double-submit value for each form shown: a cross-site post cannot know it.
  const newNonce = (res: Response) => {
    const nonce = newSecret();
    setCookie(res, SIGN_IN_COOKIE, nonce, { secure, maxAgeSec: 3600 });
    return nonce;
  };
  const nonceMatches = (req: Request) => {
    const cookie = readCookie(req, SIGN_IN_COOKIE);
    return cookie !== undefined && cookie !== "" && isSameSecret(field(req, "_sign_in"), cookie);
  };
  const signInPage = (res: Response, status: number, error?: string, expired = false) =>
    sendPage(
      res,
      status,
      renderSignInPage({
        signInNonce: newNonce(res),
        adminTokenEnabled: expectedToken !== undefined,
        appUrl: deps.publicBaseUrl,
        ...(deps.oauth ? { hubspotStartUrl: `${deps.publicBaseUrl}/admin/oauth/start` } : {}),
        ...(error ? { error } : {}),
        expired,
      }),
    );

  router.get("/admin/sign-in", (req, res) => signInPage(res, 200, undefined, req.query.expired === "1"));

  router.post("/admin/sign-in", async (req, res) => {
    if (!nonceMatches(req)) return signInPage(res, 403, "The form expired; sign in again.");
    const token = field(req, "token");
    if (expectedToken === undefined || !timingSafeEqual(digest(token), expectedToken)) {
      deps.logger.warn({ route: "admin-sign-in" }, "admin page sign-in refused: wrong ADMIN_TOKEN");
      return signInPage(res, 401, "That is not this installation's ADMIN_TOKEN.");
    }
    await startSession(sessionDeps, res, { name: "admin-token", portals: "all", via: "admin-token" });
    res.redirect(303, "/admin");
  });

  router.get("/admin/sign-in/link", (req, res) => {
    const token = typeof req.query.token === "string" ? req.query.token : "";
    if (token === "")
      return sendPage(res, 400, renderAdminMessage("Link not valid", "The link has no token."));
    sendPage(res, 200, renderSignInLinkPage({ token, signInNonce: newNonce(res) }));
  });

  router.post("/admin/sign-in/link", async (req, res) => {
    if (!nonceMatches(req)) return signInPage(res, 403, "The form expired; open the link again.");
    const grant = await redeemSignInLink(deps, field(req, "token"));
    if (!grant) {
      const message = "This sign-in link was used already or expired. Ask for a new one.";
      return sendPage(res, 410, renderAdminMessage("Link not valid", message));
    }
    await startSession(sessionDeps, res, grant);
    deps.logger.info({ via: grant.via, name: grant.name }, "admin page sign-in with a one-time link");
    res.redirect(303, "/admin");
  });

  router.post("/admin/sign-out", async (req, res) => {
    const id = readCookie(req, SESSION_COOKIE);
    const session = id ? await deps.sessions.getSession(id) : undefined;
    // The header's sign-out form echoes the session's CSRF token: no other page can sign a person out.
    if (session && !isSameSecret(field(req, "_csrf"), session.csrfToken)) {
      return sendPage(res, 403, renderAdminMessage("Not signed out", "This form expired: reload the page."));
    }
    if (id) await deps.sessions.deleteSession(id);
    clearCookie(res, SESSION_COOKIE, secure);
    res.redirect(303, "/admin/sign-in");
  });

  return router;
}
