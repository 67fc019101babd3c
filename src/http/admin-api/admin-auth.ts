import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { readCookie, SESSION_COOKIE } from "../admin-session/session-cookies.js";
import { sendError } from "./send-error.js";

/**
 * Who calls the admin API, and which portals it may see (docs/decisions.md §Portal isolation: another
 * portal's gets 404).
 */
export type AdminPrincipal = {
  name: string;
  portals: "all" | ReadonlySet<number>;
  /**
   * Admin page sessions (docs/decisions.md §Admin sessions): what a cookie-borne request must send in
   * X-CSRF-Token to write.
   */
  csrfToken?: string;
};
/** Resolves a bearer token, or the admin page's session cookie value. */
export type ResolvePrincipal = (credential: string) => Promise<AdminPrincipal | undefined>;

const digest = (value: string) => createHash("sha256").update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** ADMIN_TOKEN grants every portal; compared in constant time (digests have equal length). */
export function adminTokenPrincipal(adminToken: string | undefined): ResolvePrincipal {
  const expected = adminToken === undefined ? undefined : digest(adminToken);
  return async (token) =>
    expected !== undefined && timingSafeEqual(digest(token), expected)
      ? { name: "admin-token", portals: "all" }
      : undefined;
}

/** Either resolver may know the caller (the admin token, later the admin page's sessions). */
export function anyPrincipal(...resolvers: ResolvePrincipal[]): ResolvePrincipal {
  return async (token) => {
    for (const resolve of resolvers) {
      const principal = await resolve(token);
      if (principal) return principal;
    }
    return undefined;
  };
}

export function canSeePortal(principal: AdminPrincipal, portalId: number): boolean {
  return principal.portals === "all" || principal.portals.has(portalId);
}

/**
 * 401 unless `Authorization: Bearer …` or the admin page's session cookie names a known principal; it is
 * kept in res.locals. A cookie travels with any request the browser makes, so a write carried by it
 * must also echo the session's CSRF token (403 otherwise); a bearer header is never sent by a browser
 * on its own, so it needs none.
 */
export function requireAdmin(resolve: ResolvePrincipal): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const cookie = header === "" ? readCookie(req, SESSION_COOKIE) : undefined;
    const credential = bearer ?? cookie;
    const principal = credential === undefined || credential === "" ? undefined : await resolve(credential);
    if (!principal) {
      res.set("WWW-Authenticate", 'Bearer realm="lead-score"');
      sendError(res, 401, {
        error: {
          code: "unauthorized",
          message: "send Authorization: Bearer <ADMIN_TOKEN> (set ADMIN_TOKEN to enable the admin API)",
        },
      });
      return;
    }
    if (bearer === undefined && !SAFE_METHODS.has(req.method)) {
      const sent = req.get("x-csrf-token") ?? "";
      if (principal.csrfToken === undefined || !sameSecret(sent, principal.csrfToken)) {
        sendError(res, 403, {
          error: {
            code: "forbidden",
            message: "a signed-in write needs the page's X-CSRF-Token header; reload the admin page",
          },
        });
        return;
      }
    }
    res.locals.principal = principal;
    next();
  };
}
