import type { RequestHandler } from "express";
import { z } from "zod";
import { AppError } from "../../errors.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import { createAdminSignInLink, type SignInLinkDeps } from "../admin-session/sign-in-links.js";
import { adminTokenPrincipal } from "./admin-auth.js";
import { defineRoute } from "./define-route.js";
import { sendError } from "./send-error.js";

// POST /api/sign-in-links: a single-use admin page link for `lead-score admin-link` (docs/decisions.md
// §Admin sign-in), the way back in when a session expired and the printed link was spent. Only the
// ADMIN_TOKEN itself may ask: not a session (a link must not outlive or widen the session that made it).

export type SignInLinkRouteDeps = SignInLinkDeps & {
  installations: InstallationStore;
  /** ADMIN_TOKEN; unset: the route answers 401 like every bearer request. */
  adminToken: string | undefined;
};

export const SIGN_IN_LINKS_PATH = "/sign-in-links";

/** No body at all (`curl -X POST`) is the same as `{}`. */
const signInLinkBody = z
  .strictObject({
    /** One installed portal; absent: every portal, as the admin token itself. */
    portalId: z.number().int().positive().optional(),
  })
  .default({});

export const signInLinkRoutes = [
  defineRoute({
    method: "post",
    path: SIGN_IN_LINKS_PATH,
    description:
      "Create a single-use admin page sign-in link (valid 1 h), to every portal or one; ADMIN_TOKEN only",
    bearerOnly: true,
    request: { body: signInLinkBody },
    status: 201,
    response: z.object({
      url: z.string(),
      expiresAt: z.string(),
      portals: z.union([z.literal("all"), z.array(z.number())]),
    }),
    async handle(deps: SignInLinkRouteDeps, { body }) {
      const { portalId } = body;
      if (portalId !== undefined && (await deps.installations.get(portalId)) === undefined)
        throw new AppError("not_found", `portal ${portalId} not found`);
      const portals = portalId === undefined ? ("all" as const) : [portalId];
      const link = await createAdminSignInLink(deps, { portals, createdBy: "lead-score admin-link" });
      return { url: link.url, expiresAt: new Date(link.expiresAtMs).toISOString(), portals };
    },
  }),
];

/** 401 unless `Authorization: Bearer <ADMIN_TOKEN>`: a session cookie or session id does not do. */
export function requireAdminToken(adminToken: string | undefined): RequestHandler {
  const resolve = adminTokenPrincipal(adminToken);
  return async (req, res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1];
    if (bearer !== undefined && (await resolve(bearer))) return next();
    res.set("WWW-Authenticate", 'Bearer realm="lead-score"');
    sendError(res, 401, {
      error: {
        code: "unauthorized",
        message: "send Authorization: Bearer <ADMIN_TOKEN> (set ADMIN_TOKEN to enable the admin API)",
      },
    });
  };
}
