import { z } from "zod";
import { previewScore } from "../../app/scores/preview-score.js";
import { rescoreScore } from "../../app/scores/rescore-score.js";
import { resetScore } from "../../app/scores/reset-score.js";
import { createScore, requireScore, restoreRevision, updateScore } from "../../app/scores/save-score.js";
import { deleteScore, disableScore, enableScore } from "../../app/scores/score-lifecycle.js";
import type { ScoresDeps as UseCaseDeps } from "../../app/scores/scores-deps.js";
import { testRecord } from "../../app/scores/test-record.js";
import type { JobStore } from "../../ports/job-store.js";
import { definitionSchema } from "../../scoring/definition-schema.js";
import { defineRoute, RouteReply } from "./define-route.js";
import { jobResponse } from "./job-response-schema.js";
import {
  deleteScoreQuery,
  portalParams,
  previewBody,
  resetBody,
  restoreBody,
  scoreParams,
  testRecordBody,
} from "./request-schemas.js";
import { anyObject, revision, savedRevision, scoreWarning } from "./response-schemas.js";

type ScoresDeps = UseCaseDeps & { jobs: JobStore };

/** /api/portals/:portalId/scores… — thin: validate, call the use case, answer its result. */
export const scoreRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId/scores",
    description: "The latest revision of every score",
    request: { params: portalParams },
    response: z.object({ scores: z.array(revision) }),
    handle: async (deps: ScoresDeps, { params }) => ({ scores: await deps.scores.list(params.portalId) }),
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores",
    description: "Create a score (a draft)",
    request: { params: portalParams, useCaseBody: definitionSchema },
    status: 201,
    response: savedRevision,
    handle: (deps: ScoresDeps, { params, body, principal }) =>
      createScore(deps, params.portalId, body, principal.name),
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/scores/:scoreId",
    description: "One score",
    request: { params: scoreParams },
    response: revision,
    handle: (deps: ScoresDeps, { params }) => requireScore(deps, params.portalId, params.scoreId),
  }),
  defineRoute({
    method: "put",
    path: "/portals/:portalId/scores/:scoreId",
    description: "Update a score (a new revision)",
    request: { params: scoreParams, useCaseBody: definitionSchema },
    response: savedRevision,
    handle: (deps: ScoresDeps, { params, body, principal }) =>
      updateScore(deps, params.portalId, params.scoreId, body, principal.name),
  }),
  defineRoute({
    method: "delete",
    path: "/portals/:portalId/scores/:scoreId",
    description: "Delete a score, optionally its properties",
    request: { params: scoreParams, query: deleteScoreQuery },
    response: anyObject,
    handle: (deps: ScoresDeps, { params, query }) =>
      deleteScore(deps, params.portalId, params.scoreId, query.deleteProperties === "true"),
  }),
  defineRoute({
    method: "get",
    path: "/portals/:portalId/scores/:scoreId/revisions",
    description: "Every revision, oldest first",
    request: { params: scoreParams },
    response: z.object({ revisions: z.array(revision) }),
    async handle(deps: ScoresDeps, { params: { portalId, scoreId } }) {
      await requireScore(deps, portalId, scoreId);
      return { revisions: await deps.scores.revisions(portalId, scoreId) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/revisions/restore",
    description: "Restore an earlier revision",
    request: { params: scoreParams, body: restoreBody },
    response: savedRevision,
    handle: (deps: ScoresDeps, { params, body, principal }) =>
      restoreRevision(deps, params.portalId, params.scoreId, body.revision, principal.name),
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/enable",
    description: "Provision properties and rescore every record",
    request: { params: scoreParams },
    status: 202,
    response: z.object({ revision, job: jobResponse, warnings: z.array(scoreWarning) }),
    handle: (deps: ScoresDeps, { params, principal }) =>
      enableScore(deps, params.portalId, params.scoreId, principal.name),
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/rescore",
    description:
      "Rescore every record of an enabled score as a job (409 when the score is not enabled); answers the running one if any",
    request: { params: scoreParams },
    status: 202,
    response: z.object({ job: jobResponse, started: z.boolean() }),
    handle: (deps: ScoresDeps, { params }) => rescoreScore(deps, params.portalId, params.scoreId),
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/disable",
    description: "Stop updating; values stay",
    request: { params: scoreParams },
    response: anyObject,
    handle: (deps: ScoresDeps, { params, principal }) =>
      disableScore(deps, params.portalId, params.scoreId, principal.name),
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/test",
    description: "Evaluate one record with its explanation",
    request: { params: scoreParams, body: testRecordBody },
    response: z.object({ result: anyObject, warnings: z.array(scoreWarning) }),
    handle: (deps: ScoresDeps, { params, body }) => testRecord(deps, params.portalId, params.scoreId, body),
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/preview",
    description:
      "Distribution on a sample; with whole: true, of the whole portal as a job (202 with the job, GET /jobs/:jobId)",
    request: { params: scoreParams, body: previewBody },
    response: anyObject,
    async handle(deps: ScoresDeps, { params: { portalId, scoreId }, body }) {
      if (!body.whole) return previewScore(deps, portalId, scoreId, body);
      await requireScore(deps, portalId, scoreId);
      const job = await deps.startJob(portalId, "preview", scoreId, { definition: body.definition });
      return new RouteReply(202, { job });
    },
  }),
  defineRoute({
    method: "post",
    path: "/portals/:portalId/scores/:scoreId/resets",
    description: "Reset the score of a record or of a list's members",
    request: { params: scoreParams, body: resetBody },
    status: 202,
    response: anyObject,
    handle: (deps: ScoresDeps, { params, body }) => resetScore(deps, params.portalId, params.scoreId, body),
  }),
];
