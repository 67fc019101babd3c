import { Router } from "express";
import { z } from "zod";
import { type CrmGuard, requireScopes } from "./crm-guard.js";
import { batchTooLarge, HubSpotError, validationError } from "./hubspot-error.js";
import { schemaReadScopesOf, schemaWriteScopesOf } from "./object-scopes.js";
import { objectTypeParam } from "./object-type-param.js";
import { parseBody } from "./parse-body.js";
import {
  applyPropertyUpdate,
  buildWireProperty,
  definitionProblem,
  type PropertyCreateInput,
  propertyCreateSchema,
  propertyUpdateSchema,
} from "./property-definition.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// Properties and property groups v3 (docs/hubspot.md §Score properties): batch read/create/archive (100 inputs),
// list, read, create and update one, groups. A batch create answers 207 with one error per
// refused input (OBJECT_ALREADY_EXISTS for a taken name), as provision-properties expects.

const BATCH_LIMIT = 100;
const names = z.object({ inputs: z.array(z.object({ name: z.string() })), archived: z.boolean().optional() });
const creates = z.object({ inputs: z.array(propertyCreateSchema) });
const group = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
});

const stamp = (ms: number) => new Date(ms).toISOString();
const batchError = (category: string, message: string, name: string) => ({
  status: "error",
  category,
  message,
  context: { properties: [name] },
  links: {},
  errors: [],
});

export function createPropertiesRoutes(portal: SandboxPortal, guard: CrmGuard): Router {
  const router = Router();
  const { properties } = portal;

  /** Null when the property can be created; otherwise the batch error HubSpot lists for it. */
  function refusal(type: ReturnType<typeof objectTypeParam>, input: PropertyCreateInput) {
    if (properties.get(type, input.name))
      return batchError(
        "OBJECT_ALREADY_EXISTS",
        `Property named '${input.name}' already exists.`,
        input.name,
      );
    if (!properties.group(type, input.groupName))
      return batchError("VALIDATION_ERROR", `property group ${input.groupName} does not exist`, input.name);
    const problem = definitionProblem({ ...input, options: input.options ?? [] });
    return problem ? batchError("VALIDATION_ERROR", problem, input.name) : null;
  }

  router.post("/crm/v3/properties/:objectType/batch/read", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaReadScopesOf(type));
    const body = parseBody(names, req.body);
    if (body.inputs.length > BATCH_LIMIT) throw batchTooLarge(BATCH_LIMIT, body.inputs.length);
    const found = body.inputs.map((i) => properties.get(type, i.name, body.archived ?? false));
    const results = found.filter((p) => p !== null);
    const missing = body.inputs.filter((_, index) => found[index] === null).map((i) => i.name);
    const times = { startedAt: stamp(portal.clock.nowMs()), completedAt: stamp(portal.clock.nowMs()) };
    if (missing.length === 0) return void res.json({ status: "COMPLETE", results, ...times });
    const errors = missing.map((name) =>
      batchError("OBJECT_NOT_FOUND", `Unable to find property ${name}`, name),
    );
    res.status(207).json({ status: "COMPLETE", results, numErrors: errors.length, errors, ...times });
  });

  router.post("/crm/v3/properties/:objectType/batch/create", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaWriteScopesOf(type));
    const { inputs } = parseBody(creates, req.body);
    if (inputs.length > BATCH_LIMIT) throw batchTooLarge(BATCH_LIMIT, inputs.length);
    const nowMs = portal.clock.nowMs();
    const results = [];
    const errors = [];
    for (const input of inputs) {
      const refused = refusal(type, input);
      if (refused) errors.push(refused);
      else {
        const property = buildWireProperty(input, nowMs);
        properties.put(type, property);
        results.push(property);
      }
    }
    const times = { startedAt: stamp(nowMs), completedAt: stamp(portal.clock.nowMs()) };
    if (errors.length === 0) return void res.status(201).json({ status: "COMPLETE", results, ...times });
    res.status(207).json({ status: "COMPLETE", results, numErrors: errors.length, errors, ...times });
  });

  router.post("/crm/v3/properties/:objectType/batch/archive", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaWriteScopesOf(type));
    const body = parseBody(names, req.body);
    if (body.inputs.length > BATCH_LIMIT) throw batchTooLarge(BATCH_LIMIT, body.inputs.length);
    const defined = body.inputs.filter((i) => properties.get(type, i.name)?.hubspotDefined);
    if (defined.length > 0)
      throw validationError(
        `HubSpot-defined properties cannot be archived: ${defined.map((i) => i.name).join(", ")}`,
      );
    for (const input of body.inputs) properties.archive(type, input.name, portal.clock.nowMs());
    res.status(204).end();
  });

  router.get("/crm/v3/properties/:objectType/groups", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaReadScopesOf(type));
    res.json({ results: properties.groups(type) });
  });

  router.post("/crm/v3/properties/:objectType/groups", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaWriteScopesOf(type));
    const input = parseBody(group, req.body);
    if (properties.group(type, input.name))
      throw new HubSpotError(
        409,
        "OBJECT_ALREADY_EXISTS",
        `A property group named '${input.name}' already exists.`,
      );
    properties.putGroup(type, input);
    res.status(201).json({ ...input, archived: false });
  });

  router.get("/crm/v3/properties/:objectType", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaReadScopesOf(type));
    res.json({ results: properties.list(type, req.query.archived === "true") });
  });

  router.post("/crm/v3/properties/:objectType", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaWriteScopesOf(type));
    const input = parseBody(propertyCreateSchema, req.body);
    const refused = refusal(type, input);
    if (refused)
      throw new HubSpotError(
        refused.category === "OBJECT_ALREADY_EXISTS" ? 409 : 400,
        refused.category,
        refused.message,
      );
    const property = buildWireProperty(input, portal.clock.nowMs());
    properties.put(type, property);
    res.status(201).json(property);
  });

  router.get("/crm/v3/properties/:objectType/:propertyName", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaReadScopesOf(type));
    const property = properties.get(type, String(req.params.propertyName), req.query.archived === "true");
    if (!property)
      throw new HubSpotError(
        404,
        "OBJECT_NOT_FOUND",
        `Unable to find property ${String(req.params.propertyName)}`,
      );
    res.json(property);
  });

  router.patch("/crm/v3/properties/:objectType/:propertyName", guard("api"), (req, res) => {
    const type = objectTypeParam(req.params.objectType);
    requireScopes(res, schemaWriteScopesOf(type));
    const name = String(req.params.propertyName);
    const property = properties.get(type, name);
    if (!property) throw new HubSpotError(404, "OBJECT_NOT_FOUND", `Unable to find property ${name}`);
    if (property.modificationMetadata?.readOnlyDefinition)
      throw validationError(`Property ${name} is HubSpot-defined and read-only`);
    const updated = applyPropertyUpdate(
      property,
      parseBody(propertyUpdateSchema, req.body),
      portal.clock.nowMs(),
    );
    if (!properties.group(type, updated.groupName))
      throw validationError(`property group ${updated.groupName} does not exist`);
    const problem = definitionProblem(updated);
    if (problem) throw validationError(problem);
    properties.put(type, updated);
    res.json(updated);
  });

  return router;
}
