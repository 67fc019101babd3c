import { type Request, Router } from "express";
import { z } from "zod";
import { findContactIdByEmail } from "./compute-contact-rollups.js";
import type { CrmGuard } from "./crm-guard.js";
import { HubSpotError, validationError } from "./hubspot-error.js";
import { resolveObjectType } from "./object-types.js";
import { decodeCursor, pageWithNext } from "./paging-cursor.js";
import { limitParam, nextLink, parseQuery, wholeParam } from "./parse-query.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { StoredWebEvent } from "./web-event-repo.js";
import { standardWebEventTypes } from "./web-event-types.js";

// Event analytics (docs/hubspot.md §Event analytics): GET /events/v3/events for one record (objectType with objectId
// or objectProperty.email), filtered by eventType and inclusive occurredAfter/occurredBefore, newest
// first, `limit` 1–100 (default 10: HubSpot's are unconfirmed), `after` from paging.next; and
// GET /events/v3/events/event-types. Enterprise only: on a Professional portal (SANDBOX_TIER) both
// answer 403 (docs/decisions.md §Sandbox marketing and web sources). No scope beyond a live token.

const PAGE_LIMIT = 100;
const eventsQuery = z.object({
  objectType: z.string().min(1).optional(),
  objectId: wholeParam("objectId"),
  "objectProperty.email": z.string().min(1).optional(),
  eventType: z.string().min(1).optional(),
  occurredAfter: z.iso.datetime({ offset: true }).transform(Date.parse).optional(),
  occurredBefore: z.iso.datetime({ offset: true }).transform(Date.parse).optional(),
  limit: limitParam(PAGE_LIMIT),
  after: z.string().min(1).optional(),
  sort: z
    .enum(["-occurredAt"], { message: "the sandbox sorts by -occurredAt (newest first) only" })
    .optional(),
});

function requireEnterprise(portal: SandboxPortal): void {
  if (portal.tier === "enterprise") return;
  throw new HubSpotError(
    403,
    "FORBIDDEN",
    "The event analytics API requires an Enterprise subscription (Marketing, Sales, Service, CMS, Operations, Data or Commerce Hub Enterprise); this portal is on Professional.",
    {
      subCategory: "PRODUCT_TIER_REQUIRED",
      context: { requiredTier: ["ENTERPRISE"], portalTier: ["PROFESSIONAL"] },
    },
  );
}

const toWire = (event: StoredWebEvent) => ({
  id: event.id,
  objectType: "CONTACT",
  objectId: String(event.objectId),
  eventType: event.eventType,
  occurredAt: new Date(event.occurredAt).toISOString(),
  properties: event.properties,
});

/** The records the query covers (`type` "" for every type); null when it names a contact the portal does not have. */
function objectOf(
  portal: SandboxPortal,
  q: z.infer<typeof eventsQuery>,
): { type: string; id?: number } | null {
  if (q.objectType === undefined) {
    if (q.objectId !== undefined || q["objectProperty.email"] !== undefined)
      throw validationError("objectType is required with objectId or objectProperty.email");
    return { type: "" };
  }
  const type = resolveObjectType(q.objectType);
  if (!type) throw validationError(`Unknown objectType: ${q.objectType}`);
  if (q["objectProperty.email"] === undefined)
    return { type, ...(q.objectId === undefined ? {} : { id: q.objectId }) };
  if (type !== "contacts") throw validationError("objectProperty.email selects contacts only");
  const id = findContactIdByEmail(portal, q["objectProperty.email"]);
  return id === null ? null : { type, id };
}

export function createEventAnalyticsRoutes(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();

  router.get("/events/v3/events/event-types", guard("api"), (_req, res) => {
    requireEnterprise(portal);
    const custom = portal.webEvents.types().filter((type) => !standardWebEventTypes.includes(type));
    res.json({ eventTypes: [...standardWebEventTypes, ...custom] });
  });

  router.get("/events/v3/events", guard("api"), (req: Request, res) => {
    requireEnterprise(portal);
    const q = parseQuery(eventsQuery, req);
    const { limit = 10, after } = q;
    const object = objectOf(portal, q);
    const queryKey = JSON.stringify({ ...q, limit: undefined, after: undefined });
    const nowMs = portal.clock.nowMs();
    const before = after ? decodeCursor("after", after, queryKey, { nowMs }) : null;
    const rows =
      object === null
        ? []
        : portal.webEvents.page(
            {
              objectType: object.type || undefined,
              objectId: object.id,
              eventType: q.eventType,
              occurredAfter: q.occurredAfter,
              occurredBefore: q.occurredBefore,
            },
            before,
            limit + 1,
          );
    const { page, paging } = pageWithNext(rows, limit, (e) => ({ atMs: e.occurredAt, seq: e.seq }), {
      query: queryKey,
      nowMs,
      linkOf: (next) => nextLink(req, next),
    });
    res.json({ results: page.map(toWire), ...paging });
  });
  return router;
}
