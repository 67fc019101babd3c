import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";
import { renderBuilderPage } from "../../admin/views/render-builder-page.js";
import { renderPortalList } from "../../admin/views/render-portal-list.js";
import { renderPortalOverview } from "../../admin/views/render-portal-overview.js";
import { renderAdminMessage } from "../../admin/views/render-sign-in-page.js";
import { renderSuggestPage } from "../../admin/views/render-suggest-page.js";
import { portalStatus } from "../../app/portals/portal-status.js";
import { canSessionSee, requirePageSession, sessionOf } from "../admin-session/require-page-session.js";
import { createInviteLink } from "../admin-session/sign-in-links.js";
import type { AdminPageDeps } from "./admin-page-deps.js";
import { sendPage } from "./send-page.js";

const inviteForm = z.object({ email: z.email().max(254) });
const portalIdOf = (req: Request) => Number(req.params.portalId);

/** The signed-in pages: portals, a portal's overview and invites, "Suggest a score", the builder. */
export function createPortalPageRoutes(deps: AdminPageDeps): Router {
  const router = Router();
  const signedIn = requirePageSession(deps);
  const who = (res: Response) => ({ name: sessionOf(res).name, csrfToken: sessionOf(res).csrfToken });

  // As in the admin API: a portal the session may not see, or not installed, does not exist for it.
  const visiblePortal = async (req: Request, res: Response, next: NextFunction) => {
    const portalId = portalIdOf(req);
    const ok =
      Number.isSafeInteger(portalId) &&
      portalId > 0 &&
      canSessionSee(sessionOf(res), portalId) &&
      (await deps.installations.get(portalId)) !== undefined;
    if (!ok)
      return sendPage(res, 404, renderAdminMessage("Not found", `No portal ${req.params.portalId} here.`));
    next();
  };
  const unfinishedJobs = async (portalId: number) =>
    (await deps.jobs.unfinished()).filter((j) => j.portalId === portalId);
  const overview = async (
    req: Request,
    res: Response,
    invite?: { email: string; url: string; expiresAtMs: number },
  ) => {
    const portalId = portalIdOf(req);
    const scores = await deps.scores.list(portalId);
    const lastRuns = await Promise.all(
      scores.map((s) => deps.jobs.lastFinished(portalId, s.definition.id, "rescore")),
    );
    sendPage(
      res,
      200,
      renderPortalOverview({
        session: who(res),
        portal: await portalStatus(deps, portalId),
        scores,
        jobs: await unfinishedJobs(portalId),
        lastRuns: lastRuns.filter((j) => j !== undefined),
        ...(invite ? { invite } : {}),
      }),
    );
  };

  router.get("/admin", signedIn, async (_req, res) => {
    const session = sessionOf(res);
    const visible = (await deps.installations.list()).filter((i) => canSessionSee(session, i.portalId));
    // One portal (an invite, a HubSpot sign-in, most single-tenant setups): straight to it.
    if (visible.length === 1) return res.redirect(303, `/admin/portals/${visible[0]?.portalId}`);
    sendPage(res, 200, renderPortalList(who(res), visible));
  });
  router.get("/admin/portals/:portalId", signedIn, visiblePortal, (req, res) => overview(req, res));
  router.post("/admin/portals/:portalId/invites", signedIn, visiblePortal, async (req, res) => {
    const parsed = inviteForm.safeParse(req.body);
    if (!parsed.success) {
      return sendPage(
        res,
        400,
        renderAdminMessage("Invite not created", "Enter a valid email address.", {
          href: `/admin/portals/${portalIdOf(req)}`,
          text: "Back",
        }),
      );
    }
    const { email } = parsed.data;
    const link = await createInviteLink(deps, {
      email,
      portalId: portalIdOf(req),
      createdBy: sessionOf(res).name,
    });
    deps.logger.info(
      { portalId: portalIdOf(req), by: sessionOf(res).name, email },
      "admin page invite created",
    );
    await overview(req, res, { email, ...link });
  });
  // The builder finds the rescore an update started (PUT answers the revision only) by polling this.
  router.get("/admin/portals/:portalId/jobs.json", signedIn, visiblePortal, async (req, res) => {
    res.set("Cache-Control", "no-store").json({ jobs: await unfinishedJobs(portalIdOf(req)) });
  });
  router.get("/admin/portals/:portalId/scores/new", signedIn, visiblePortal, (req, res) => {
    sendPage(res, 200, renderBuilderPage({ session: who(res), portalId: portalIdOf(req) }));
  });
  router.get("/admin/portals/:portalId/suggest", signedIn, visiblePortal, (req, res) => {
    sendPage(res, 200, renderSuggestPage({ session: who(res), portalId: portalIdOf(req) }));
  });
  router.get("/admin/portals/:portalId/scores/:scoreId", signedIn, visiblePortal, async (req, res) => {
    const portalId = portalIdOf(req);
    const score = await deps.scores.get(portalId, String(req.params.scoreId));
    if (!score)
      return sendPage(res, 404, renderAdminMessage("Not found", `No score ${req.params.scoreId} here.`));
    const suggested = (await deps.suggestions.get(portalId, score.definition.id)) !== undefined;
    sendPage(res, 200, renderBuilderPage({ session: who(res), portalId, score, suggested }));
  });
  return router;
}
