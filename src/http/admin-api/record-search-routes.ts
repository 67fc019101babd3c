import { findRecordsToTest } from "../../app/records/find-records-to-test.js";
import { nameRecords } from "../../app/records/name-records.js";
import { defineRoute } from "./define-route.js";
import { recordNamesQuery, recordSearchParams, recordSearchQuery } from "./request-schemas.js";
import { foundRecords, namedRecords } from "./response-schemas.js";

/** The builder's "Test a record" finder, and the names its panels show instead of ids. */
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
  defineRoute({
    method: "get",
    path: "/portals/:portalId/records/:objectType/names",
    description:
      "Names of up to 200 records (one batch read per 100); records HubSpot no longer has are left out",
    request: { params: recordSearchParams, query: recordNamesQuery },
    response: namedRecords,
    async handle(deps: Parameters<typeof nameRecords>[0], { params: { portalId, objectType }, query }) {
      return { portalId, objectType, records: await nameRecords(deps, portalId, objectType, query.ids) };
    },
  }),
];
