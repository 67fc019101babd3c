import type { SessionStore } from "../../ports/session-store.js";
import type { ResolvePrincipal } from "../admin-api/admin-auth.js";

/**
 * The admin page's sessions as admin API principals (docs/decisions.md §Admin sessions), for
 * `anyPrincipal(adminTokenPrincipal(ADMIN_TOKEN), sessionPrincipal(sessions))`. The credential is the
 * session id from the cookie; the principal carries the CSRF token requireAdmin checks on writes.
 */
export function sessionPrincipal(store: SessionStore, nowMs: () => number = Date.now): ResolvePrincipal {
  return async (sessionId) => {
    const session = await store.getSession(sessionId);
    if (!session || session.expiresAtMs <= nowMs()) return undefined;
    return {
      name: session.name,
      portals: session.portals === "all" ? "all" : new Set(session.portals),
      csrfToken: session.csrfToken,
    };
  };
}
