import { findRecordsToTest } from "../../app/records/find-records-to-test.js";
import { defineRoute } from "./define-route.js";
import { recordSearchParams, recordSearchQuery } from "./request-schemas.js";
import { foundRecords } from "./response-schemas.js";

/** GET /api/portals/:portalId/records/:objectType/search?q= — the builder's "Test a record" finder. */
export const recordSearchRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId/records/:objectType/search",
    description: "Find up to 10 records by email, name or id (CRM search's query, and the id read directly)",
    request: { params: recordSearchParams, query: recordSearchQuery },
    response: foundRecords,
    async handle(deps: Parameters<typeof findRecordsToTest>[0], { params: { portalId, objectType }, query }) {
      const records = await findRecordsToTest(deps, portalId, objectType, query.q);
      return { portalId, objectType, query: query.q, records };
    },
  }),
];
