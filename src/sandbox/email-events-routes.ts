import { Router } from "express";
import { z } from "zod";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { BATCH_APP, emailEventToWire } from "./email-event-details.js";
import { HubSpotError } from "./hubspot-error.js";
import { decodeCursor, encodeCursor } from "./paging-cursor.js";
import { limitParam, parseQuery, wholeParam } from "./parse-query.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// Marketing email events (legacy v1, docs/hubspot.md §Marketing email events), scope `content`: GET /email/public/v1/events
// filtered by appId, campaignId, recipient, eventType (case-sensitive) and inclusive start/end
// timestamps, newest first, `limit` 1–1000 (default 10), paged with an opaque `offset` that is valid
// only with the same filters and for an hour of the portal's clock ("meant to be short-lived"). And
// GET /email/public/v1/campaigns/{id}: a campaign's name, subject and counters.

const EVENTS_LIMIT = 1_000;
const OFFSET_MAX_AGE_MS = 3_600_000;
const eventsQuery = z.object({
  appId: wholeParam("appId"),
  campaignId: wholeParam("campaignId"),
  recipient: z.string().min(1).optional(),
  eventType: z.string().min(1).optional(),
  startTimestamp: wholeParam("startTimestamp"),
  endTimestamp: wholeParam("endTimestamp"),
  offset: z.string().min(1).optional(),
  limit: limitParam(EVENTS_LIMIT),
  excludeFilteredEvents: z.enum(["true", "false"]).optional(),
});

export function createEmailEventsRoutes(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();

  router.get("/email/public/v1/events", guard("api"), (req, res) => {
    requireScopes(res, ["content"]);
    const {
      offset,
      limit = 10,
      appId,
      excludeFilteredEvents: _exclude,
      ...filter
    } = parseQuery(eventsQuery, req);
    const queryKey = JSON.stringify({ appId, ...filter });
    const nowMs = portal.clock.nowMs();
    const before = offset
      ? decodeCursor("offset", offset, queryKey, { nowMs, maxAgeMs: OFFSET_MAX_AGE_MS })
      : null;
    // Every marketing email event here is the Batch app's.
    const rows =
      appId !== undefined && appId !== BATCH_APP.appId
        ? []
        : portal.emailEvents.page(filter, before, limit + 1);
    const page = rows.slice(0, limit);
    const campaigns = new Map<number, ReturnType<typeof portal.emailEvents.campaign>>();
    const campaignOf = (id: number) => {
      if (!campaigns.has(id)) campaigns.set(id, portal.emailEvents.campaign(id));
      return campaigns.get(id) ?? null;
    };
    const last = page.at(-1);
    const position = last ? { atMs: last.created, seq: last.seq } : (before ?? { atMs: nowMs, seq: 0 });
    res.json({
      events: page.map((event) => emailEventToWire(event, campaignOf(event.campaignId), portal.portalId)),
      hasMore: rows.length > limit,
      offset: encodeCursor(position, queryKey, nowMs),
    });
  });

  router.get("/email/public/v1/campaigns/:campaignId", guard("api"), (req, res) => {
    requireScopes(res, ["content"]);
    const raw = String(req.params.campaignId);
    const id = /^\d+$/.test(raw) ? Number(raw) : null;
    const campaign = id === null ? null : portal.emailEvents.campaign(id);
    if (!campaign) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `No email campaign with id ${raw}`);
    const counts = portal.emailEvents.countsOf(campaign.id);
    const n = (type: string) => counts[type] ?? 0;
    // An email delivered or bounced was sent, though a hand-made log may hold no SENT for it.
    const sent = Math.max(n("SENT"), n("DELIVERED") + n("BOUNCE") + n("DROPPED"));
    res.json({
      ...BATCH_APP,
      id: campaign.id,
      contentId: campaign.id + 1_000_000_000,
      name: campaign.name,
      subject: campaign.subject,
      type: "BATCH_EMAIL",
      subType: "batch",
      numIncluded: sent,
      numQueued: 0,
      lastProcessingFinishedAt: campaign.createdAtMs,
      counters: {
        sent,
        processed: sent,
        delivered: n("DELIVERED"),
        open: n("OPEN"),
        click: n("CLICK"),
        bounce: n("BOUNCE"),
        unsubscribed: n("STATUSCHANGE"),
      },
    });
  });
  return router;
}
