import express, { type Express, type Router } from "express";
import { type AdminPageDeps, createAdminPageRouter } from "./admin-page-routes.js";
import { createOAuthRouter, type OAuthRoutesDeps } from "./oauth-routes.js";

/** `oauth` is absent in sandbox mode (no HubSpot credentials) and in tests that only need /health. */
export type HttpAppOptions = {
  version: string;
  oauth?: OAuthRoutesDeps;
  adminApi?: Router;
  adminPage?: AdminPageDeps;
  /** HubSpot's calls (webhooks, workflow actions): each reads its own raw body to check signatures. */
  hubspotRoutes?: Router[];
};

/** The express app: thin routes over the use cases. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/health", (_req, res) => {
    res.json({ status: "ok", version: options.version });
  });
  for (const routes of options.hubspotRoutes ?? []) app.use(routes);
  if (options.oauth) app.use(createOAuthRouter(options.oauth));
  if (options.adminApi) app.use("/api", options.adminApi);
  if (options.adminPage) app.use(createAdminPageRouter(options.adminPage));
  return app;
}
