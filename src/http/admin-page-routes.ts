import express, { Router } from "express";
import { adminAssetsDir } from "../admin/admin-assets-dir.js";
import type { AdminPageDeps } from "./admin-page/admin-page-deps.js";
import { createOAuthSignInRoutes } from "./admin-page/oauth-sign-in-routes.js";
import { createPortalPageRoutes } from "./admin-page/portal-page-routes.js";
import { createSignInRoutes } from "./admin-page/sign-in-routes.js";
import { refuseCrossSiteWrites } from "./admin-session/refuse-cross-site-writes.js";

export type { AdminOAuthDeps, AdminPageDeps } from "./admin-page/admin-page-deps.js";

// Everything the browser loads comes from this app (docs/decisions.md §Admin page offline); scripts are
// modules from /admin/assets, so the policy allows no inline script at all.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

/**
 * The admin page under /admin (docs/decisions.md §Admin sign-in): sign-in, sessions, and pages over the admin
 * API.
 */
export function createAdminPageRouter(deps: AdminPageDeps): Router {
  const router = Router();
  router.use("/admin", (_req, res, next) => {
    res.set({
      "Content-Security-Policy": CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options": "nosniff",
      // One-time links carry their token in the URL: never send it on as a referrer.
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
    });
    next();
  });
  router.use("/admin/assets", express.static(adminAssetsDir(), { index: false, fallthrough: false }));
  router.use("/admin", refuseCrossSiteWrites(deps.publicBaseUrl));
  router.use("/admin", express.urlencoded({ extended: false, limit: "16kb" }));
  router.use(createSignInRoutes(deps));
  if (deps.oauth) router.use(createOAuthSignInRoutes({ ...deps, oauth: deps.oauth }));
  router.use(createPortalPageRoutes(deps));
  return router;
}
