import { Router } from "express";
import { z } from "zod";
import type { Inbox, InboxEntry } from "../../ports/inbox.js";
import { defineRoute, mountRoutes } from "./define-route.js";
import { parkedQuery, portalParams } from "./request-schemas.js";
import { anyObject } from "./response-schemas.js";

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

type ParkedDeps = { inbox: Pick<Inbox, "parked"> };

export const parkedRoutes = [
  defineRoute({
    method: "get",
    path: "/portals/:portalId/parked",
    description: "Webhook events parked after their last attempt, with their error (oldest first)",
    request: { params: portalParams, query: parkedQuery },
    response: z.object({ portalId: z.number().int(), parked: z.array(anyObject) }),
    async handle(deps: ParkedDeps, { params: { portalId }, query: { limit } }) {
      const parked = await deps.inbox.parked(portalId, limit);
      return { portalId, parked: parked.map(toParkedView) };
    },
  }),
];

/**
 * The parked route, served only where a pipeline (and so an inbox) runs: compose-pipeline.ts builds
 * it and the admin API mounts it behind its checks of the caller and the portal.
 */
export function createParkedRoutes(deps: ParkedDeps): Router {
  return mountRoutes(Router(), parkedRoutes, deps);
}
