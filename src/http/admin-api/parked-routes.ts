import { Router } from "express";
import type { Inbox, InboxEntry } from "../../ports/inbox.js";
import { parkedQuery, portalParams } from "./request-schemas.js";

// GET /api/portals/:portalId/parked (docs/decisions.md §Failures fail alone): webhook events the worker gave
// up on after the inbox's last attempt, with the error of that attempt, oldest first.

export const toParkedView = (e: InboxEntry) => ({
  entryId: e.id,
  subscriptionType: e.event.subscriptionType,
  objectType: e.event.objectType,
  objectId: e.event.objectId,
  eventId: e.event.eventId,
  occurredAt: new Date(e.event.occurredAtMs).toISOString(),
  receivedAt: new Date(e.receivedAtMs).toISOString(),
  parkedAt: new Date(e.updatedAtMs).toISOString(),
  attempts: e.attempts,
  error: e.lastError,
});

/** Mounted under the admin API's portal router (which has checked the caller and the portal). */
export function createParkedRoutes(deps: { inbox: Pick<Inbox, "parked"> }): Router {
  const router = Router({ mergeParams: true });
  router.get("/parked", async (req, res) => {
    const { portalId } = portalParams.parse(req.params);
    const { limit } = parkedQuery.parse(req.query);
    const parked = await deps.inbox.parked(portalId, limit);
    res.json({ portalId, parked: parked.map(toParkedView) });
  });
  return router;
}
