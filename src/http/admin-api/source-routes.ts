import { z } from "zod";
import { portalSourceStatuses } from "../../app/sources/source-statuses.js";
import { defineRoute } from "./define-route.js";
import { portalParams } from "./request-schemas.js";
import { sourceStatusRow } from "./response-schemas.js";

/** GET /api/portals/:portalId/sources — where each event type comes from, and whether the portal supplies it. */
export const sourceRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId/sources",
    description:
      "Every event type's source and its status for the portal: available, missing_scope, needs_enterprise or failing, with what to do",
    request: { params: portalParams },
    response: z.array(sourceStatusRow),
    handle: (deps: Parameters<typeof portalSourceStatuses>[0], { params }) =>
      portalSourceStatuses(deps, params.portalId),
  }),
];
