import express, { Router } from "express";
import type { Logger } from "pino";
import type { ErasePortalDeps } from "../../app/portals/erase-portal.js";
import type { ScoresDeps } from "../../app/scores/scores-deps.js";
import { type AdminPrincipal, canSeePortal, type ResolvePrincipal, requireAdmin } from "./admin-auth.js";
import { buildOpenApiDocument } from "./build-openapi-document.js";
import { createPortalRoutes } from "./portal-routes.js";
import { createRecordSearchRoutes } from "./record-search-routes.js";
import { portalParams } from "./request-schemas.js";
import { createScoreRoutes } from "./score-routes.js";
import { createErrorHandler, sendError } from "./send-error.js";

export type AdminApiDeps = ScoresDeps &
  ErasePortalDeps & {
    resolvePrincipal: ResolvePrincipal;
    logger: Logger;
    /** GET /parked (compose-pipeline.ts parkedRoutes); absent when no pipeline runs. */
    parkedRoutes?: Router;
  };

/**
 * The admin API v1 under /api (docs/decisions.md §Admin API): bearer auth, every request scoped to one
 * portal.
 */
export function createAdminApi(deps: AdminApiDeps): Router {
  const api = Router();
  const openapi = buildOpenApiDocument();
  api.get("/openapi.json", (_req, res) => {
    res.json(openapi);
  });
  api.use(express.json({ limit: "1mb" }));
  const portal = Router({ mergeParams: true });
  // A portal the caller may not see, or that is not installed, does not exist for it: 404.
  portal.use(async (req, res, next) => {
    const parsed = portalParams.safeParse(req.params);
    const principal = res.locals.principal as AdminPrincipal;
    const installed = parsed.success && (await deps.installations.get(parsed.data.portalId)) !== undefined;
    if (!parsed.success || !canSeePortal(principal, parsed.data.portalId) || !installed) {
      sendError(res, 404, {
        error: { code: "not_found", message: `portal ${req.params.portalId} not found` },
      });
      return;
    }
    next();
  });
  portal.use(createPortalRoutes(deps));
  portal.use(createScoreRoutes(deps));
  portal.use(createRecordSearchRoutes(deps));
  if (deps.parkedRoutes) portal.use(deps.parkedRoutes);
  api.use("/portals/:portalId", requireAdmin(deps.resolvePrincipal), portal);
  api.use((_req, res) => {
    sendError(res, 404, {
      error: { code: "not_found", message: "no such admin API route (see /api/openapi.json)" },
    });
  });
  api.use(createErrorHandler(deps.logger));
  return api;
}
