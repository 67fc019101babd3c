import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import type { Session, SessionStore } from "../../ports/session-store.js";
import { readCookie, SESSION_COOKIE } from "./session-cookies.js";

export type PageSession = Session & { id: string };

const digest = (value: string) => createHash("sha256").update(value).digest();
/** Constant-time equality of two secrets of any length. */
export const isSameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** The signed-in session of a page request, or undefined (no cookie, unknown or expired). */
export async function loadPageSession(
  deps: { sessions: SessionStore; now: () => number },
  req: Request,
): Promise<PageSession | undefined> {
  const id = readCookie(req, SESSION_COOKIE);
  if (id === undefined || id === "") return undefined;
  const session = await deps.sessions.getSession(id);
  return session && session.expiresAtMs > deps.now() ? { ...session, id } : undefined;
}

export const sessionOf = (res: Response) => res.locals.session as PageSession;

/** Where a page request without a valid session goes: the sign-in page, saying why when it can tell. */
export const SIGN_IN_EXPIRED_PATH = "/admin/sign-in?expired=1";

/**
 * Pages need a session (else: to the sign-in page, which says the session expired when the browser
 * still named one); their form posts also need the session's CSRF token in the `_csrf` field (the Lax
 * cookie and refuse-cross-site-writes.ts already stop cross-site posts; this covers old browsers and
 * same-site subdomains).
 */
export function requirePageSession(deps: { sessions: SessionStore; now: () => number }): RequestHandler {
  return async (req, res, next) => {
    const session = await loadPageSession(deps, req);
    if (!session) {
      const named = (readCookie(req, SESSION_COOKIE) ?? "") !== "";
      res.redirect(303, named ? SIGN_IN_EXPIRED_PATH : "/admin/sign-in");
      return;
    }
    if (req.method === "POST") {
      const sent = typeof req.body?._csrf === "string" ? req.body._csrf : "";
      if (!isSameSecret(sent, session.csrfToken)) {
        res.status(403).type("text").send("This form expired: reload the page and try again.");
        return;
      }
    }
    res.locals.session = session;
    next();
  };
}

/** Whether a session may see a portal (the portal must also be installed: checked by the caller). */
export const canSessionSee = (session: Session, portalId: number) =>
  session.portals === "all" || session.portals.includes(portalId);
