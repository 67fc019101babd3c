import { Router } from "express";
import { z } from "zod";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { validationError } from "./hubspot-error.js";
import { comparable, kindOf, matchesFilter, searchOperators, searchValueOf } from "./match-search-filter.js";
import { matchesSearchQuery } from "./matches-search-query.js";
import { readScopesOf } from "./object-scopes.js";
import { objectTypeParam } from "./object-type-param.js";
import { parseBody } from "./parse-body.js";
import type { StoredRecord } from "./record-repo.js";
import { recordToWire } from "./record-to-wire.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// POST /crm/v3/objects/{type}/search with HubSpot's limits (docs/hubspot.md §Rate limits and batching): 5 filter groups
// (OR) of 6 filters (AND), 18 filters in all, 200 records a page, and no result past the
// 10,000th. `after` is the offset of the next result; the page that reaches the 10,000th still
// carries one when more records match, and following it is a 400 ("paging beyond gives 400":
// clients that page without a cap meet that 400, e.g. airbytehq/airbyte#10700). `total` counts
// every match, as HubSpot's does.

const MAX_RESULTS = 10_000;
const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const filter = z.object({
  propertyName: z.string(),
  operator: z.string().refine((op) => searchOperators.has(op), "unknown operator"),
  value: text.optional(),
  highValue: text.optional(),
  values: z.array(text).optional(),
});
const searchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(filter) })).default([]),
  sorts: z
    .array(
      z.union([
        z.string(),
        z.object({ propertyName: z.string(), direction: z.enum(["ASCENDING", "DESCENDING"]) }),
      ]),
    )
    .default([]),
  properties: z.array(z.string()).default([]),
  limit: z.coerce.number().int().min(1).default(10),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
  query: z.string().optional(),
});

function checkLimits(body: z.infer<typeof searchBody>): number {
  const filters = body.filterGroups.reduce((sum, group) => sum + group.filters.length, 0);
  if (body.filterGroups.length > 5 || body.filterGroups.some((g) => g.filters.length > 6) || filters > 18)
    throw validationError("Search allows at most 5 filterGroups of 6 filters each, 18 filters in all");
  if (body.limit > 200) throw validationError(`limit must be at most 200; got ${body.limit}`);
  const offset = body.after === undefined ? 0 : Number(body.after);
  if (!Number.isInteger(offset) || offset < 0)
    throw validationError(`after is not a valid paging cursor: ${body.after}`);
  if (offset >= MAX_RESULTS)
    throw validationError(
      `Search results are capped at ${MAX_RESULTS}; after=${offset} is beyond them. Narrow the filters instead.`,
    );
  return offset;
}

export function createSearchRoute(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();
  router.post("/crm/v3/objects/:objectType/search", guard("search"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, readScopesOf(type));
    const body = parseBody(searchBody, req.body);
    const offset = checkLimits(body);
    const propertyOf = (name: string) => portal.properties.get(type, name);
    const groups = body.filterGroups.map((group) =>
      group.filters.map((f) => ({ filter: f, property: propertyOf(f.propertyName) })),
    );
    const matches: StoredRecord[] = [];
    for (let page = portal.records.page(type, 0, 1_000); page.length > 0; ) {
      for (const record of page) {
        const inGroups =
          groups.length === 0 ||
          groups.some((g) => g.every((f) => matchesFilter(record, f.filter, f.property)));
        if (inGroups && matchesSearchQuery(type, record, body.query)) matches.push(record);
      }
      page = portal.records.page(type, page.at(-1)?.id ?? 0, 1_000);
    }
    const sort = body.sorts[0];
    if (sort) {
      const name = typeof sort === "string" ? sort.replace(/^-/, "") : sort.propertyName;
      const sign = (typeof sort === "string" ? sort.startsWith("-") : sort.direction === "DESCENDING")
        ? -1
        : 1;
      const kind = kindOf(name, propertyOf(name));
      const key = (r: StoredRecord) => {
        const raw = searchValueOf(r, name);
        return raw === null ? null : comparable(kind, raw);
      };
      matches.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        if (x === y) return a.id - b.id;
        if (x === null) return 1;
        if (y === null) return -1;
        return x < y ? -sign : sign;
      });
    }
    const end = Math.min(offset + body.limit, matches.length, MAX_RESULTS);
    const live = portal.properties.liveNames(type);
    const requested = body.properties.length > 0 ? body.properties : ["hs_object_id"];
    const results = matches.slice(offset, end).map((record) => recordToWire(record, requested, live));
    const more = end < matches.length;
    res.json({
      total: matches.length,
      results,
      ...(more ? { paging: { next: { after: String(end) } } } : {}),
    });
  });
  return router;
}
