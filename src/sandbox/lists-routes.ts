import { Router } from "express";
import { z } from "zod";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { HubSpotError, validationError } from "./hubspot-error.js";
import type { StoredList } from "./list-repo.js";
import { numberedToken } from "./numbered-token.js";
import { recordIdOf } from "./object-type-param.js";
import { parseBody } from "./parse-body.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// Lists API v3 (scope crm.lists.read; [SDK] codegen/crm/lists): lists by ids (GET /crm/v3/lists/
// ?listIds=…, unknown ids left out), members of a list in pages of at most 250, and the lists of
// one record; the search by name (POST /crm/v3/lists/search, an empty query pages through every
// list, with hs_list_size among the default additionalProperties as HubSpot answers it).

const MEMBERS_LIMIT = 250;
const SEARCH_LIMIT = 500;
const searchBody = z.object({
  query: z.string().default(""),
  offset: z.number().int().min(0).default(0),
  count: z.number().int().min(1).max(SEARCH_LIMIT).default(20),
  processingTypes: z.array(z.string()).optional(),
  additionalProperties: z.array(z.string()).optional(),
});
const iso = (ms: number) => new Date(ms).toISOString();

function toWireList(list: StoredList) {
  return {
    listId: String(list.listId),
    name: list.name,
    objectTypeId: list.objectTypeId,
    processingType: list.processingType,
    processingStatus: "COMPLETE",
    listVersion: 1,
    size: list.size,
    createdAt: iso(list.createdAtMs),
    updatedAt: iso(list.updatedAtMs),
  };
}

const memberToken = numberedToken("member");

export function createListsRoutes(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();
  const listOr404 = (raw: unknown) => {
    const listId = recordIdOf(raw);
    const list = listId === null ? null : portal.lists.get(listId);
    if (!list) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `List does not exist with id ${String(raw)}`);
    return list;
  };

  router.get("/crm/v3/lists", guard("api"), (req, res) => {
    requireScopes(res, ["crm.lists.read"]);
    const raw = req.query.listIds;
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((id) => recordIdOf(id));
    const lists = ids.flatMap((id) => {
      const list = id === null ? null : portal.lists.get(id);
      return list ? [toWireList(list)] : [];
    });
    res.json({ lists });
  });

  router.post("/crm/v3/lists/search", guard("api"), (req, res) => {
    requireScopes(res, ["crm.lists.read"]);
    const body = parseBody(searchBody, req.body);
    const { lists, total } = portal.lists.search(body.query, body.offset, body.count);
    const wanted = body.processingTypes;
    const shown = wanted ? lists.filter((list) => wanted.includes(list.processingType)) : lists;
    const next = body.offset + lists.length;
    res.json({
      lists: shown.map((list) => {
        const { size, ...wire } = toWireList(list);
        return {
          ...wire,
          additionalProperties: { hs_list_size: String(size), hs_list_reference_count: "0" },
        };
      }),
      hasMore: next < total,
      offset: next,
      total,
    });
  });

  router.get("/crm/v3/lists/records/:objectTypeId/:recordId/memberships", guard("api"), (req, res) => {
    requireScopes(res, ["crm.lists.read"]);
    const recordId = recordIdOf(req.params.recordId);
    const found = recordId === null ? [] : portal.lists.listsOf(recordId, String(req.params.objectTypeId));
    res.json({
      total: found.length,
      results: found.map(({ list, addedAtMs }) => ({
        listId: String(list.listId),
        listVersion: 1,
        firstAddedTimestamp: iso(addedAtMs),
        lastAddedTimestamp: iso(addedAtMs),
      })),
    });
  });

  router.get("/crm/v3/lists/:listId", guard("api"), (req, res) => {
    requireScopes(res, ["crm.lists.read"]);
    res.json({ list: toWireList(listOr404(req.params.listId)) });
  });

  router.get("/crm/v3/lists/:listId/memberships", guard("api"), (req, res) => {
    requireScopes(res, ["crm.lists.read"]);
    const list = listOr404(req.params.listId);
    const limit = Number(req.query.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > MEMBERS_LIMIT)
      throw validationError(`limit must be between 1 and ${MEMBERS_LIMIT}; got ${String(req.query.limit)}`);
    const page = portal.lists.members(list.listId, memberToken.decode(req.query.after), limit + 1);
    const results = page
      .slice(0, limit)
      .map((m) => ({ recordId: String(m.recordId), membershipTimestamp: iso(m.addedAtMs) }));
    const last = page[limit - 1];
    res.json({
      results,
      ...(page.length > limit && last
        ? { paging: { next: { after: memberToken.encode(last.recordId) } } }
        : {}),
    });
  });

  return router;
}
