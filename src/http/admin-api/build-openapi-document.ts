import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { definitionSchema } from "../../scoring/definition-schema.js";
import { jobResponse } from "./job-response-schema.js";
import {
  deleteScoreQuery,
  jobParams,
  parkedQuery,
  portalParams,
  previewBody,
  recordParams,
  recordSearchParams,
  recordSearchQuery,
  resetBody,
  restoreBody,
  scoreParams,
  testRecordBody,
} from "./request-schemas.js";

// /api/openapi.json, generated from the same zod schemas the routes validate with
// (docs/decisions.md §Admin API).

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), path: z.string().optional() }),
});
const anyObject = z.record(z.string(), z.unknown());
const revision = z.object({
  revision: z.number().int(),
  definition: anyObject,
  savedAtMs: z.number(),
  savedBy: z.string(),
  change: z.string(),
});
const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

type Route = [RouteConfig["method"], string, string, Partial<RouteConfig>, z.ZodType];
const routes: Route[] = [
  [
    "get",
    "/portals/{portalId}",
    "Installation status, granted scopes, disconnected or not",
    { request: { params: portalParams } },
    anyObject,
  ],
  [
    "delete",
    "/portals/{portalId}",
    "Revoke the refresh token and erase everything held for the portal",
    { request: { params: portalParams } },
    anyObject,
  ],
  [
    "get",
    "/portals/{portalId}/scores",
    "The latest revision of every score",
    { request: { params: portalParams } },
    z.object({ scores: z.array(revision) }),
  ],
  [
    "post",
    "/portals/{portalId}/scores",
    "Create a score (a draft)",
    { request: { params: portalParams, body: json(definitionSchema) } },
    revision,
  ],
  [
    "get",
    "/portals/{portalId}/scores/{scoreId}",
    "One score",
    { request: { params: scoreParams } },
    revision,
  ],
  [
    "put",
    "/portals/{portalId}/scores/{scoreId}",
    "Update a score (a new revision)",
    { request: { params: scoreParams, body: json(definitionSchema) } },
    revision,
  ],
  [
    "delete",
    "/portals/{portalId}/scores/{scoreId}",
    "Delete a score, optionally its properties",
    { request: { params: scoreParams, query: deleteScoreQuery } },
    anyObject,
  ],
  [
    "get",
    "/portals/{portalId}/scores/{scoreId}/revisions",
    "Every revision, oldest first",
    { request: { params: scoreParams } },
    z.object({ revisions: z.array(revision) }),
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/revisions/restore",
    "Restore an earlier revision",
    { request: { params: scoreParams, body: json(restoreBody) } },
    revision,
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/enable",
    "Provision properties and rescore every record",
    { request: { params: scoreParams } },
    anyObject,
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/rescore",
    "Rescore every record of an enabled score as a job (409 when the score is not enabled); answers the running one if any",
    { request: { params: scoreParams } },
    z.object({ job: jobResponse, started: z.boolean() }),
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/disable",
    "Stop updating; values stay",
    { request: { params: scoreParams } },
    anyObject,
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/test",
    "Evaluate one record with its explanation",
    { request: { params: scoreParams, body: json(testRecordBody) } },
    anyObject,
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/preview",
    "Distribution on a sample (or the whole portal as a job)",
    { request: { params: scoreParams, body: json(previewBody) } },
    anyObject,
  ],
  [
    "post",
    "/portals/{portalId}/scores/{scoreId}/resets",
    "Reset the score of a record or of a list's members",
    { request: { params: scoreParams, body: json(resetBody) } },
    anyObject,
  ],
  [
    "get",
    "/portals/{portalId}/jobs/{jobId}",
    "A background job's progress (done/total, rate, ETA) and result",
    { request: { params: jobParams } },
    jobResponse,
  ],
  [
    "get",
    "/portals/{portalId}/records/{objectType}/{recordId}/history",
    "Every value written for a record",
    { request: { params: recordParams } },
    anyObject,
  ],
  [
    "get",
    "/portals/{portalId}/records/{objectType}/search",
    "Find up to 10 records by email, name or id (CRM search's query, and the id read directly)",
    { request: { params: recordSearchParams, query: recordSearchQuery } },
    z.object({
      portalId: z.number().int(),
      objectType: z.string(),
      query: z.string(),
      records: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          properties: z.record(z.string(), z.string().nullable()),
        }),
      ),
    }),
  ],
  [
    "get",
    "/portals/{portalId}/parked",
    "Webhook events parked after their last attempt, with their error (oldest first)",
    { request: { params: portalParams, query: parkedQuery } },
    z.object({ portalId: z.number().int(), parked: z.array(anyObject) }),
  ],
];

export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "adminToken", { type: "http", scheme: "bearer" });
  for (const [method, path, summary, config, response] of routes) {
    registry.registerPath({
      method,
      path,
      summary,
      security: [{ adminToken: [] }],
      ...config,
      responses: {
        200: { description: "OK", ...json(response) },
        400: { description: "Invalid input; the message names the field path", ...json(errorBody) },
        401: { description: "No or unknown bearer token", ...json(errorBody) },
        404: { description: "No such portal (or not yours), score, job or record", ...json(errorBody) },
        409: {
          description:
            "The portal is disconnected, or the score's state refuses it (a rescore of a score not enabled)",
          ...json(errorBody),
        },
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "lead-score admin API", version: "1" },
    servers: [{ url: "/api" }],
  });
}
