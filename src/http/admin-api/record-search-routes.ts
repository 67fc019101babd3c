import { Router } from "express";
import { findRecordsToTest } from "../../app/records/find-records-to-test.js";
import { recordSearchParams, recordSearchQuery } from "./request-schemas.js";

/** GET /api/portals/:portalId/records/:objectType/search?q= — the builder's "Test a record" finder. */
export function createRecordSearchRoutes(deps: Parameters<typeof findRecordsToTest>[0]): Router {
  const router = Router({ mergeParams: true });
  router.get("/records/:objectType/search", async (req, res) => {
    const { portalId, objectType } = recordSearchParams.parse(req.params);
    const { q } = recordSearchQuery.parse(req.query);
    const records = await findRecordsToTest(deps, portalId, objectType, q);
    res.json({ portalId, objectType, query: q, records });
  });
  return router;
}
