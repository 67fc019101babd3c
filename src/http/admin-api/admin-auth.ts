import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { sendError } from "./send-error.js";

/** Who calls the admin API, and which portals it may see (issue 4: a request for another portal gets 404). */
export type AdminPrincipal = { name: string; portals: "all" | ReadonlySet<number> };
export type ResolvePrincipal = (bearerToken: string) => Promise<AdminPrincipal | undefined>;

const digest = (value: string) => createHash("sha256").update(value).digest();

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

/** 401 unless `Authorization: Bearer …` names a known principal; it is kept in res.locals. */
export function requireAdmin(resolve: ResolvePrincipal): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const principal = token === undefined ? undefined : await resolve(token);
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
    res.locals.principal = principal;
    next();
  };
}
