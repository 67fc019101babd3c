import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from "@asteasolutions/zod-to-openapi";
import type { z } from "zod";
import { PORTAL_PATH, type RouteDoc } from "./define-route.js";
import { errorBody } from "./response-schemas.js";

// /api/openapi.json (docs/decisions.md §Admin API), generated from the routes' declarations
// (define-route.ts): the same zod schemas the routes validate with, so the document lists what is
// served, no more and no less.

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

/** "/portals/:portalId/jobs/:jobId" → "/portals/{portalId}/jobs/{jobId}". */
export const toOpenApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, "{$1}");

const portalErrors: Record<number, ResponseConfig> = {
  400: { description: "Invalid input; the message names the field path", ...json(errorBody) },
  401: { description: "No or unknown bearer token", ...json(errorBody) },
  404: { description: "No such portal (or not yours), score, job or record", ...json(errorBody) },
  409: {
    description:
      "The portal is disconnected, or the score's state refuses it (a rescore of a score not enabled)",
    ...json(errorBody),
  },
};

export function buildOpenApiDocument(routes: readonly RouteDoc[]) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "adminToken", { type: "http", scheme: "bearer" });
  for (const route of routes) {
    const { params, query, body, useCaseBody } = route.request;
    const requestBody = body ?? useCaseBody;
    const ofPortal = route.path.startsWith(PORTAL_PATH);
    registry.registerPath({
      method: route.method,
      path: toOpenApiPath(route.path),
      summary: route.description,
      ...(ofPortal || route.bearerOnly ? { security: [{ adminToken: [] }] } : {}),
      request: {
        ...(params ? { params: params } : {}),
        ...(query ? { query: query } : {}),
        ...(requestBody ? { body: json(requestBody) } : {}),
      },
      responses: {
        [route.status]: { description: "OK", ...json(route.response) },
        ...(ofPortal || route.bearerOnly ? portalErrors : {}),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "lead-score admin API", version: "1" },
    servers: [{ url: "/api" }],
  });
}
