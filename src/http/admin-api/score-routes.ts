import { type Request, Router } from "express";
import { previewScore } from "../../app/scores/preview-score.js";
import { rescoreScore } from "../../app/scores/rescore-score.js";
import { resetScore } from "../../app/scores/reset-score.js";
import { createScore, requireScore, restoreRevision, updateScore } from "../../app/scores/save-score.js";
import { deleteScore, disableScore, enableScore } from "../../app/scores/score-lifecycle.js";
import type { ScoresDeps } from "../../app/scores/scores-deps.js";
import { testRecord } from "../../app/scores/test-record.js";
import type { JobStore } from "../../ports/job-store.js";
import type { AdminPrincipal } from "./admin-auth.js";
import {
  deleteScoreQuery,
  portalParams,
  previewBody,
  resetBody,
  restoreBody,
  scoreParams,
  testRecordBody,
} from "./request-schemas.js";

const author = (res: { locals: Record<string, unknown> }) => (res.locals.principal as AdminPrincipal).name;
const scoreOf = (req: Request) => scoreParams.parse(req.params);

/** /api/portals/:portalId/scores… — thin: validate, call the use case, answer its result. */
export function createScoreRoutes(deps: ScoresDeps & { jobs: JobStore }): Router {
  const router = Router({ mergeParams: true });

  router.get("/scores", async (req, res) => {
    const { portalId } = portalParams.parse(req.params);
    res.json({ scores: await deps.scores.list(portalId) });
  });
  router.post("/scores", async (req, res) => {
    const { portalId } = portalParams.parse(req.params);
    res.status(201).json(await createScore(deps, portalId, req.body, author(res)));
  });
  router.get("/scores/:scoreId", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.json(await requireScore(deps, portalId, scoreId));
  });
  router.put("/scores/:scoreId", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.json(await updateScore(deps, portalId, scoreId, req.body, author(res)));
  });
  router.delete("/scores/:scoreId", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    const { deleteProperties } = deleteScoreQuery.parse(req.query);
    res.json(await deleteScore(deps, portalId, scoreId, deleteProperties === "true"));
  });
  router.get("/scores/:scoreId/revisions", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    await requireScore(deps, portalId, scoreId);
    res.json({ revisions: await deps.scores.revisions(portalId, scoreId) });
  });
  router.post("/scores/:scoreId/revisions/restore", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    const { revision } = restoreBody.parse(req.body);
    res.json(await restoreRevision(deps, portalId, scoreId, revision, author(res)));
  });
  router.post("/scores/:scoreId/enable", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.status(202).json(await enableScore(deps, portalId, scoreId, author(res)));
  });
  router.post("/scores/:scoreId/rescore", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.status(202).json(await rescoreScore(deps, portalId, scoreId));
  });
  router.post("/scores/:scoreId/disable", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.json(await disableScore(deps, portalId, scoreId, author(res)));
  });
  router.post("/scores/:scoreId/test", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.json(await testRecord(deps, portalId, scoreId, testRecordBody.parse(req.body)));
  });
  router.post("/scores/:scoreId/preview", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    const body = previewBody.parse(req.body ?? {});
    if (body.whole) {
      await requireScore(deps, portalId, scoreId);
      res
        .status(202)
        .json({ job: await deps.startJob(portalId, "preview", scoreId, { definition: body.definition }) });
      return;
    }
    res.json(await previewScore(deps, portalId, scoreId, body));
  });
  router.post("/scores/:scoreId/resets", async (req, res) => {
    const { portalId, scoreId } = scoreOf(req);
    res.status(202).json(await resetScore(deps, portalId, scoreId, resetBody.parse(req.body)));
  });
  return router;
}
