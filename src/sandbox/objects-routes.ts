import { type Request, Router } from "express";
import { z } from "zod";
import { findContactIdByEmail } from "./compute-contact-rollups.js";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { batchTooLarge, HubSpotError, validationError } from "./hubspot-error.js";
import { readScopesOf, writeScopesOf } from "./object-scopes.js";
import { objectTypeParam, recordIdOf } from "./object-type-param.js";
import { type SandboxObjectType, singularOf } from "./object-types.js";
import { parseBody } from "./parse-body.js";
import { recordToWire, type WireObject } from "./record-to-wire.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { validatePropertyValues } from "./validate-property-values.js";

// CRM objects v3 (docs/hubspot.md §Rate limits and batching, §SDK retries and pacing, §Engagement objects): batch read and update of at most 100 records, the list
// page (GET /crm/v3/objects/{type}?limit&after&properties&archived, at most 100 a page) and one
// record. Batch reads answer 207 with an OBJECT_NOT_FOUND error for ids HubSpot does not know.

const BATCH_LIMIT = 100;
const PAGE_LIMIT = 100;
const id = z.union([z.string(), z.number()]);
const batchRead = z.object({
  inputs: z.array(z.object({ id })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});
const value = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((v) => (v === null ? null : String(v)));
const batchUpdate = z.object({ inputs: z.array(z.object({ id, properties: z.record(z.string(), value) })) });

const stamp = (nowMs: number) => new Date(nowMs).toISOString();

function checkedIds(inputs: { id: string | number }[], type: SandboxObjectType): number[] {
  if (inputs.length > BATCH_LIMIT) throw batchTooLarge(BATCH_LIMIT, inputs.length);
  const ids = inputs.map((input) => recordIdOf(input.id) ?? -1);
  const duplicates = ids.filter((one, index) => ids.indexOf(one) !== index);
  if (duplicates.length > 0)
    throw validationError(
      `Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(", ")}]. IDs must be unique`,
    );
  if (ids.includes(-1)) throw validationError(`Invalid ${type} id in batch input: ids are numeric`);
  return ids;
}

function notFound(type: SandboxObjectType, ids: (number | string)[]) {
  return {
    status: "error",
    category: "OBJECT_NOT_FOUND",
    message: `Could not get some ${singularOf[type].toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids: ids.map(String) },
    links: {},
    errors: [],
  };
}

const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => String(v).split(","))
    .filter(Boolean);

export function createObjectsRoutes(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();
  // propertiesWithHistory on batch read, list and GET by id (docs/decisions.md §Sandbox property history).
  const historyRequest = (names: readonly string[] = []) => ({ names, versionsOf: portal.records.historyOf });

  router.post("/crm/v3/objects/:objectType/batch/read", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, readScopesOf(type));
    const body = parseBody(batchRead, req.body);
    // A contact's email is a unique property HubSpot reads by (idProperty), case-insensitively.
    const byEmail = body.idProperty === "email" && type === "contacts";
    if (body.idProperty && body.idProperty !== "hs_object_id" && !byEmail)
      throw validationError(
        `The sandbox reads by hs_object_id (or a contact's email) only, not by ${body.idProperty}`,
      );
    const startedAt = stamp(portal.clock.nowMs());
    const live = portal.properties.liveNames(type);
    const history = historyRequest(body.propertiesWithHistory);
    const results: WireObject[] = [];
    const missing: (number | string)[] = [];
    let ids: number[];
    if (byEmail) {
      if (body.inputs.length > BATCH_LIMIT) throw batchTooLarge(BATCH_LIMIT, body.inputs.length);
      ids = [];
      for (const input of body.inputs) {
        const found = findContactIdByEmail(portal, String(input.id));
        if (found === null) missing.push(String(input.id));
        else if (!ids.includes(found)) ids.push(found);
      }
    } else ids = checkedIds(body.inputs, type);
    for (const recordId of ids) {
      const record = portal.records.get(type, recordId);
      if (record) results.push(recordToWire(record, body.properties, live, history));
      else missing.push(recordId);
    }
    const completedAt = stamp(portal.clock.nowMs());
    if (missing.length === 0) return void res.json({ status: "COMPLETE", results, startedAt, completedAt });
    res.status(207).json({
      status: "COMPLETE",
      results,
      numErrors: 1,
      errors: [notFound(type, missing)],
      startedAt,
      completedAt,
    });
  });

  router.post("/crm/v3/objects/:objectType/batch/update", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, writeScopesOf(type));
    const body = parseBody(batchUpdate, req.body);
    const ids = checkedIds(body.inputs, type);
    // HubSpot checks every value before it writes any (one 400 for the whole batch).
    const values = body.inputs.map((input) =>
      validatePropertyValues(input.properties, (name) => portal.properties.get(type, name)),
    );
    const nowMs = portal.clock.nowMs();
    const live = portal.properties.liveNames(type);
    const results: WireObject[] = [];
    const missing: number[] = [];
    portal.db.transaction(() => {
      ids.forEach((recordId, index) => {
        const update = values[index] ?? {};
        const record = portal.records.update(type, recordId, update, { nowMs, changeSource: "INTEGRATION" });
        if (record) results.push(recordToWire(record, Object.keys(update), live));
        else missing.push(recordId);
      });
    })();
    const times = { startedAt: stamp(nowMs), completedAt: stamp(portal.clock.nowMs()) };
    if (missing.length === 0) return void res.json({ status: "COMPLETE", results, ...times });
    res
      .status(207)
      .json({ status: "COMPLETE", results, numErrors: 1, errors: [notFound(type, missing)], ...times });
  });

  router.get("/crm/v3/objects/:objectType", guard("api"), (req: Request, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, readScopesOf(type));
    const limit = Number(req.query.limit ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT)
      throw validationError(`limit must be between 1 and ${PAGE_LIMIT}; got ${String(req.query.limit)}`);
    const after = req.query.after === undefined ? 0 : recordIdOf(req.query.after);
    if (after === null)
      throw validationError(`after is not a valid paging cursor: ${String(req.query.after)}`);
    // Deleted records (record-removals.ts) are not listed: the app never reads the archived view, left empty.
    const page = req.query.archived === "true" ? [] : portal.records.page(type, after, limit + 1);
    const live = portal.properties.liveNames(type);
    const history = historyRequest(listOf(req.query.propertiesWithHistory));
    const results = page
      .slice(0, limit)
      .map((record) => recordToWire(record, listOf(req.query.properties), live, history));
    const last = results.at(-1);
    const next =
      page.length > limit && last
        ? {
            paging: {
              next: {
                after: last.id,
                link: `${req.protocol}://${req.get("host")}${req.path}?after=${last.id}`,
              },
            },
          }
        : {};
    res.json({ results, ...next });
  });

  router.get("/crm/v3/objects/:objectType/:objectId", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, readScopesOf(type));
    const recordId = recordIdOf(req.params.objectId);
    const record = recordId === null ? null : portal.records.get(type, recordId);
    if (!record) throw new HubSpotError(404, "OBJECT_NOT_FOUND", "resource not found");
    const history = historyRequest(listOf(req.query.propertiesWithHistory));
    res.json(recordToWire(record, listOf(req.query.properties), portal.properties.liveNames(type), history));
  });

  return router;
}
