import { type Request, type Response, Router } from "express";
import { z } from "zod";
import type { ClockFollowers } from "./clock-followers.js";
import { HubSpotError, validationError } from "./hubspot-error.js";
import { logEngagement, logEngagementSchema } from "./log-engagement.js";
import { allSandboxScopes } from "./object-scopes.js";
import { objectTypeParam, recordIdOf } from "./object-type-param.js";
import { objectTypeIdOf, sandboxObjectTypes } from "./object-types.js";
import { parseBody } from "./parse-body.js";
import { parseDuration } from "./parse-duration.js";
import { mergeRecords, privacyDeleteContact, setRecordDeleted } from "./record-removals.js";
import { recordToWire } from "./record-to-wire.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import type { SandboxStats } from "./sandbox-stats.js";
import { validatePropertyValues } from "./validate-property-values.js";

// /__sandbox/*: what HubSpot's UI would do, for the `lead-score sandbox …` commands and tests
// (docs/decisions.md §Sandbox portal): the clock, records and their properties (deleted, restored, merged,
// a contact erased: record-removals.ts), engagements, associations (added, removed), lists (members added,
// removed), tokens, stats and the change feed. Edits here are changeSource CRM_UI, as a user's would be. These
// calls are neither authenticated nor rate-limited: they stand for a person, not for the app. One is the
// app's: in sandbox mode its clock reads GET /__sandbox/clock?follow=1 (clock-followers.ts).

const values = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? null : String(v))),
);
const advance = z.object({ advance: z.union([z.string(), z.number()]) });
const association = z.object({
  fromType: z.string(),
  fromId: z.union([z.string(), z.number()]),
  toType: z.string(),
  toId: z.union([z.string(), z.number()]),
  label: z.string().optional(),
});
const newList = z.object({
  name: z.string().min(1),
  objectType: z.string(),
  recordIds: z.array(z.union([z.string(), z.number()])).default([]),
});
const members = z.object({ recordIds: z.array(z.union([z.string(), z.number()])) });
// HubSpot's merge API body (POST /crm/v3/objects/{type}/merge).
const merge = z.object({
  primaryObjectId: z.union([z.string(), z.number()]),
  objectIdToMerge: z.union([z.string(), z.number()]),
});
const tokenRequest = z.object({ scopes: z.array(z.string()).optional() });

const ui = (portal: SandboxPortal) => ({ nowMs: portal.clock.nowMs(), changeSource: "CRM_UI" });
const idOr400 = (raw: unknown) => {
  const id = recordIdOf(raw);
  if (id === null) throw validationError(`not a record id: ${String(raw)}`);
  return id;
};

export function createControlRoutes(
  portal: SandboxPortal,
  stats: SandboxStats,
  followers: ClockFollowers,
): Router {
  const router = Router();
  const clockBody = () => ({
    nowMs: portal.clock.nowMs(),
    iso: new Date(portal.clock.nowMs()).toISOString(),
  });

  router.get("/__sandbox/clock", (req, res) => {
    if (req.query.follow !== undefined) followers.recordRead();
    res.json(clockBody());
  });
  router.post("/__sandbox/clock", (req, res) => {
    const { advance: amount } = parseBody(advance, req.body);
    let ms: number;
    try {
      ms = parseDuration(amount);
      portal.clock.advance(ms);
    } catch (error) {
      throw validationError((error as Error).message);
    }
    res.json({ ...clockBody(), advancedMs: ms });
  });

  router.post("/__sandbox/tokens", (req, res) => {
    const { scopes } = parseBody(tokenRequest, req.body);
    const issued = portal.tokens.issue(portal.app.clientId, scopes ?? allSandboxScopes, portal.clock.nowMs());
    res.status(201).json({ ...issued, hubId: portal.portalId });
  });

  router.post("/__sandbox/records/:objectType", (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    const input = validatePropertyValues(parseBody(values, req.body?.properties ?? {}), (n) =>
      portal.properties.get(type, n),
    );
    const record = portal.records.create(type, input, ui(portal));
    res.status(201).json(recordToWire(record, Object.keys(input), portal.properties.liveNames(type)));
  });

  router.patch("/__sandbox/records/:objectType/:id", (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    const input = validatePropertyValues(parseBody(values, req.body?.properties ?? {}), (n) =>
      portal.properties.get(type, n),
    );
    const record = portal.records.update(type, idOr400(req.params.id), input, ui(portal));
    if (!record) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no ${type} with id ${req.params.id}`);
    res.json(recordToWire(record, Object.keys(input), portal.properties.liveNames(type)));
  });

  // DELETE deletes, POST …/restore restores: one handler, the state to reach told by the method.
  const setDeleted = (deleted: boolean) => (req: Request, res: Response) => {
    const type = objectTypeParam(String(req.params.objectType));
    const id = idOr400(req.params.id);
    if (!setRecordDeleted(portal, type, id, deleted, ui(portal)))
      throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no ${deleted ? "" : "deleted "}${type} with id ${id}`);
    res.json({ objectType: type, id: String(id), archived: deleted });
  };
  router.delete("/__sandbox/records/:objectType/:id", setDeleted(true));
  router.post("/__sandbox/records/:objectType/:id/restore", setDeleted(false));

  router.post("/__sandbox/records/:objectType/merge", (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    const input = parseBody(merge, req.body);
    const [primaryId, mergedId] = [idOr400(input.primaryObjectId), idOr400(input.objectIdToMerge)];
    if (primaryId === mergedId) throw validationError("cannot merge a record into itself");
    const outcome = mergeRecords(portal, type, primaryId, mergedId, ui(portal));
    if (!outcome)
      throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no ${type} ${primaryId} or no ${type} ${mergedId}`);
    res.json({ objectType: type, ...outcome });
  });

  router.post("/__sandbox/records/contacts/:id/gdpr-delete", (req, res) => {
    const id = idOr400(req.params.id);
    if (!privacyDeleteContact(portal, id, ui(portal)))
      throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no contacts with id ${id}`);
    res.json({ objectType: "contacts", id: String(id), erased: true });
  });

  router.post("/__sandbox/engagements", (req, res) => {
    res.status(201).json(logEngagement(portal, parseBody(logEngagementSchema, req.body), ui(portal)));
  });

  router.post("/__sandbox/associations", (req, res) => {
    const input = parseBody(association, req.body);
    const fromType = objectTypeParam(input.fromType);
    const toType = objectTypeParam(input.toType);
    const [fromId, toId] = [idOr400(input.fromId), idOr400(input.toId)];
    if (!portal.records.get(fromType, fromId) || !portal.records.get(toType, toId))
      throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no ${fromType} ${fromId} or no ${toType} ${toId}`);
    try {
      portal.associations.associate({ fromType, fromId, toType, toId, label: input.label }, ui(portal));
    } catch (error) {
      throw validationError((error as Error).message);
    }
    res.status(201).json({ fromType, fromId, toType, toId, label: input.label ?? null });
  });

  router.delete("/__sandbox/associations/:fromType/:fromId/:toType/:toId", (req, res) => {
    const fromType = objectTypeParam(req.params.fromType);
    const toType = objectTypeParam(req.params.toType);
    const [fromId, toId] = [idOr400(req.params.fromId), idOr400(req.params.toId)];
    if (!portal.associations.dissociate({ fromType, fromId, toType, toId }, ui(portal)))
      throw new HubSpotError(
        404,
        "OBJECT_NOT_FOUND",
        `${fromType} ${fromId} is not associated with ${toType} ${toId}`,
      );
    res.json({ fromType, fromId, toType, toId, removed: true });
  });

  router.post("/__sandbox/lists", (req, res) => {
    const input = parseBody(newList, req.body);
    const type = objectTypeParam(input.objectType);
    const list = portal.lists.create(
      { name: input.name, objectTypeId: objectTypeIdOf[type] },
      portal.clock.nowMs(),
    );
    portal.lists.addMembers(list.listId, input.recordIds.map(idOr400), portal.clock.nowMs());
    res.status(201).json({ listId: String(list.listId), size: portal.lists.get(list.listId)?.size ?? 0 });
  });

  router.post("/__sandbox/lists/:listId/members", (req, res) => {
    const listId = idOr400(req.params.listId);
    if (!portal.lists.get(listId)) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no list ${listId}`);
    const added = portal.lists.addMembers(
      listId,
      parseBody(members, req.body).recordIds.map(idOr400),
      portal.clock.nowMs(),
    );
    res.json({ listId: String(listId), added, size: portal.lists.get(listId)?.size ?? 0 });
  });

  router.delete("/__sandbox/lists/:listId/members", (req, res) => {
    const listId = idOr400(req.params.listId);
    if (!portal.lists.get(listId)) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no list ${listId}`);
    const removed = portal.lists.removeMembers(
      listId,
      parseBody(members, req.body).recordIds.map(idOr400),
      portal.clock.nowMs(),
    );
    res.json({ listId: String(listId), removed, size: portal.lists.get(listId)?.size ?? 0 });
  });

  router.get("/__sandbox/stats", (_req, res) => void res.json(stats.snapshot()));
  router.post("/__sandbox/stats/reset", (_req, res) => {
    stats.reset(portal.clock.nowMs());
    res.json(stats.snapshot());
  });

  router.get("/__sandbox/changes", (req, res) => {
    const after = Number(req.query.after ?? 0);
    const limit = Math.min(1_000, Math.max(1, Number(req.query.limit ?? 100)));
    if (!Number.isInteger(after) || !Number.isInteger(limit))
      throw validationError("after and limit are integers");
    res.json({ results: portal.changes.read(after, limit) });
  });

  router.get("/__sandbox/info", (_req, res) => {
    const seed =
      portal.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'seed'").get()?.value ??
      null;
    const counts = Object.fromEntries(sandboxObjectTypes.map((type) => [type, portal.records.count(type)]));
    res.json({
      portalId: portal.portalId,
      appId: portal.app.appId,
      clientId: portal.app.clientId,
      seed,
      counts,
      clock: clockBody(),
    });
  });
  return router;
}
