import type { RouteDoc } from "./define-route.js";
import { openApiRoute } from "./openapi-route.js";
import { parkedRoutes } from "./parked-routes.js";
import { performanceRoutes } from "./performance-routes.js";
import { pickerRoutes } from "./picker-routes.js";
import { portalRoutes } from "./portal-routes.js";
import { recordSearchRoutes } from "./record-search-routes.js";
import { scoreRoutes } from "./score-routes.js";
import { signInLinkRoutes } from "./sign-in-link-routes.js";
import { sourceRoutes } from "./source-routes.js";
import { suggestRoutes } from "./suggest-routes.js";

/** Every admin API route, as /api/openapi.json describes them; create-admin-api.ts serves each. */
export const adminRoutes: readonly RouteDoc[] = [
  openApiRoute,
  ...portalRoutes,
  ...suggestRoutes,
  ...scoreRoutes,
  ...recordSearchRoutes,
  ...pickerRoutes,
  ...sourceRoutes,
  ...performanceRoutes,
  ...parkedRoutes,
  ...signInLinkRoutes,
];
