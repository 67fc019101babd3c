import { type ErasePortalDeps, erasePortal } from "../../app/portals/erase-portal.js";
import { portalStatus } from "../../app/portals/portal-status.js";
import type { ScoresDeps } from "../../app/scores/scores-deps.js";
import { AppError } from "../../errors.js";
import { defineRoute } from "./define-route.js";
import { jobResponse } from "./job-response-schema.js";
import { jobParams, portalParams, recordParams } from "./request-schemas.js";
import { anyObject } from "./response-schemas.js";

type PortalDeps = ScoresDeps & ErasePortalDeps;

/** /api/portals/:portalId itself, its jobs and its records' history. */
export const portalRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId",
    description: "Installation status, granted scopes, disconnected or not",
    request: { params: portalParams },
    response: anyObject,
    handle: (deps: PortalDeps, { params }) => portalStatus(deps, params.portalId),
  }),
  defineRoute({
    method: "delete",
    path: "/portals/:portalId",
    description: "Revoke the refresh token and erase everything held for the portal",
    request: { params: portalParams },
    response: anyObject,
    handle: (deps: PortalDeps, { params }) => erasePortal(deps, params.portalId),
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/jobs/:jobId",
    description: "A background job's progress (done/total, rate, ETA) and result",
    request: { params: jobParams },
    response: jobResponse,
    async handle(deps: PortalDeps, { params: { portalId, jobId } }) {
      const job = await deps.jobs.get(portalId, jobId);
      if (!job) throw new AppError("not_found", `portal ${portalId} has no job ${jobId}`);
      return job;
    },
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/records/:objectType/:recordId/history",
    description: "Every value written for a record",
    request: { params: recordParams },
    response: anyObject,
    async handle(deps: PortalDeps, { params: { portalId, objectType, recordId } }) {
      const history = await deps.records.history({ portalId, object: objectType, recordId });
      return { portalId, objectType, recordId, history };
    },
  }),
];
