import express, { Router } from "express";
import type { Logger } from "pino";
import { createPortalForms } from "../../app/pickers/portal-forms.js";
import { createPortalProperties } from "../../app/pickers/portal-properties.js";
import type { ErasePortalDeps } from "../../app/portals/erase-portal.js";
import type { ScoresDeps } from "../../app/scores/scores-deps.js";
import type { SuggestionStore } from "../../ports/suggestion-store.js";
import { type AdminPrincipal, canSeePortal, type ResolvePrincipal, requireAdmin } from "./admin-auth.js";
import { adminRoutes } from "./admin-routes.js";
import { buildOpenApiDocument } from "./build-openapi-document.js";
import { mountRoutes, PORTAL_PATH } from "./define-route.js";
import { openApiRoute } from "./openapi-route.js";
import { performanceRoutes } from "./performance-routes.js";
import { pickerRoutes } from "./picker-routes.js";
import { portalRoutes } from "./portal-routes.js";
import { recordSearchRoutes } from "./record-search-routes.js";
import { portalParams } from "./request-schemas.js";
import { scoreRoutes } from "./score-routes.js";
import { createErrorHandler, sendError } from "./send-error.js";
import {
  requireAdminToken,
  SIGN_IN_LINKS_PATH,
  type SignInLinkRouteDeps,
  signInLinkRoutes,
} from "./sign-in-link-routes.js";
import { sourceRoutes } from "./source-routes.js";
import { suggestRoutes } from "./suggest-routes.js";

export type AdminApiDeps = ScoresDeps &
  ErasePortalDeps & {
    /** Suggested drafts' evidence (POST /scores/suggest, GET /scores/:scoreId/suggestion). */
    suggestions: SuggestionStore;
    resolvePrincipal: ResolvePrincipal;
    logger: Logger;
    /** GET /parked (compose-pipeline.ts parkedRoutes); absent when no pipeline runs. */
    parkedRoutes?: Router;
    /** POST /sign-in-links (`lead-score admin-link`); compose-app.ts always gives it, tests may not. */
    signInLinks?: SignInLinkRouteDeps;
  };

/**
 * The admin API v1 under /api (docs/decisions.md §Admin API): bearer auth, every request scoped to one
 * portal.
 */
export function createAdminApi(deps: AdminApiDeps): Router {
  const api = Router();
  mountRoutes(api, [openApiRoute], { openapi: buildOpenApiDocument(adminRoutes) });
  api.use(express.json({ limit: "1mb" }));
  if (deps.signInLinks) {
    api.use(SIGN_IN_LINKS_PATH, requireAdminToken(deps.signInLinks.adminToken));
    mountRoutes(api, signInLinkRoutes, deps.signInLinks);
  }
  // A portal the caller may not see, or that is not installed, does not exist for it: 404. Mounted
  // for the whole prefix, so a path under it that no route serves also asks for credentials first.
  api.use(PORTAL_PATH, requireAdmin(deps.resolvePrincipal), async (req, res, next) => {
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
  mountRoutes(api, portalRoutes, deps);
  mountRoutes(api, suggestRoutes, deps);
  mountRoutes(api, scoreRoutes, deps);
  mountRoutes(api, recordSearchRoutes, deps);
  mountRoutes(api, sourceRoutes, deps);
  mountRoutes(api, performanceRoutes, deps);
  // Kept in this process's memory (docs/decisions.md §Builder pickers): one API per app, so one cache.
  const properties = createPortalProperties({ crmFor: deps.crmFor, now: deps.now });
  const forms = createPortalForms({ crmFor: deps.crmFor, now: deps.now });
  mountRoutes(api, pickerRoutes, { ...deps, properties, forms });
  if (deps.parkedRoutes) api.use(deps.parkedRoutes);
  api.use((_req, res) => {
    sendError(res, 404, {
      error: { code: "not_found", message: "no such admin API route (see /api/openapi.json)" },
    });
  });
  api.use(createErrorHandler(deps.logger));
  return api;
}
