import { Router } from "express";
import { type ErasePortalDeps, erasePortal } from "../../app/portals/erase-portal.js";
import { portalStatus } from "../../app/portals/portal-status.js";
import type { ScoresDeps } from "../../app/scores/scores-deps.js";
import { AppError } from "../../errors.js";
import { jobParams, portalParams, recordParams } from "./request-schemas.js";

/** /api/portals/:portalId itself, its jobs and its records' history. */
export function createPortalRoutes(deps: ScoresDeps & ErasePortalDeps): Router {
  const router = Router({ mergeParams: true });
  router.get("/", async (req, res) => {
    res.json(await portalStatus(deps, portalParams.parse(req.params).portalId));
  });
  router.delete("/", async (req, res) => {
    res.json(await erasePortal(deps, portalParams.parse(req.params).portalId));
  });
  router.get("/jobs/:jobId", async (req, res) => {
    const { portalId, jobId } = jobParams.parse(req.params);
    const job = await deps.jobs.get(portalId, jobId);
    if (!job) throw new AppError("not_found", `portal ${portalId} has no job ${jobId}`);
    res.json(job);
  });
  router.get("/records/:objectType/:recordId/history", async (req, res) => {
    const { portalId, objectType, recordId } = recordParams.parse(req.params);
    const history = await deps.records.history({ portalId, object: objectType, recordId });
    res.json({ portalId, objectType, recordId, history });
  });
  return router;
}
