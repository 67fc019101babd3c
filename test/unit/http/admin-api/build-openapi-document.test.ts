import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { adminRoutes } from "../../../../src/http/admin-api/admin-routes.js";
import {
  buildOpenApiDocument,
  toOpenApiPath,
} from "../../../../src/http/admin-api/build-openapi-document.js";
import { type AdminApiDeps, createAdminApi } from "../../../../src/http/admin-api/create-admin-api.js";
import { defineRoute } from "../../../../src/http/admin-api/define-route.js";
import { createParkedRoutes } from "../../../../src/http/admin-api/parked-routes.js";

// /api/openapi.json is generated from the routes' declarations: these tests hold the document and
// what express serves to each other, so a route cannot be served undocumented or documented unserved.

/** An express 5 router's layers, as far as listing routes needs them. */
type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string;
};

/** "GET /portals/{portalId}" for every route a router serves, mounted routers included. */
function servedRoutes(stack: readonly Layer[], prefix = ""): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = toOpenApiPath(prefix + layer.route.path);
      return Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${path}`);
    }
    const mounted = layer.rawPath === undefined || layer.rawPath === "/" ? "" : layer.rawPath;
    return layer.handle.stack ? servedRoutes(layer.handle.stack, prefix + mounted) : [];
  });
}

type Operation = {
  summary?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  responses?: Record<string, unknown>;
};
const document = buildOpenApiDocument(adminRoutes) as unknown as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
);

describe("the admin API's OpenAPI document", () => {
  it("lists every route express serves under /api, and nothing it does not serve", () => {
    // Only routes are registered here, never called: the use cases' dependencies are not needed.
    const api = createAdminApi({
      logger: pino({ level: "silent" }),
      resolvePrincipal: async () => undefined,
      parkedRoutes: createParkedRoutes({ inbox: { parked: async () => [] } }),
      signInLinks: { adminToken: undefined },
    } as unknown as AdminApiDeps);
    const served = servedRoutes((api as unknown as { stack: Layer[] }).stack);
    const documented = operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual([...documented].sort());
    expect(served).toContain("GET /portals/{portalId}/parked");
    expect(served).toContain("GET /openapi.json");
    expect(served).toContain("POST /sign-in-links");
  });

  it("names in each operation's parameters exactly the parameters its path template names, as required", () => {
    for (const { path, method, operation } of operations) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const inPath = (operation.parameters ?? []).filter((p) => p.in === "path");
      expect(inPath.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated.sort());
      expect(
        inPath.every((p) => p.required === true),
        `${method} ${path}`,
      ).toBe(true);
    }
  });

  it("gives every operation a summary and a success response, and a portal's operations and sign-in links the bearer scheme", () => {
    for (const { path, method, operation } of operations) {
      const where = `${method} ${path}`;
      expect(operation.summary?.trim(), where).not.toBe("");
      expect(
        Object.keys(operation.responses ?? {}).some((status) => /^2\d\d$/.test(status)),
        where,
      ).toBe(true);
      expect(operation.security, where).toEqual(
        path.startsWith("/portals/") || path === "/sign-in-links" ? [{ adminToken: [] }] : undefined,
      );
    }
    expect(document).toMatchObject({ openapi: "3.1.0", components: { securitySchemes: { adminToken: {} } } });
  });

  it("documents a route's query and body from the schemas it validates with", () => {
    const search = document.paths["/portals/{portalId}/records/{objectType}/search"]?.get;
    expect(search?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(["path:portalId", "path:objectType", "query:q"]),
    );
    expect(Object.keys(document.paths["/portals/{portalId}/scores"]?.post?.responses ?? {})).toContain("201");
    expect(JSON.stringify(document.paths["/portals/{portalId}/scores/{scoreId}/resets"]?.post)).toContain(
      '"listId"',
    );
  });

  it("refuses to declare a route without a description", () => {
    const undescribed = () =>
      defineRoute({
        method: "get",
        path: "/portals/:portalId/secret",
        description: "  ",
        request: {},
        response: z.object({}),
        handle: async () => ({}),
      });
    expect(undescribed).toThrowError("GET /portals/:portalId/secret: an admin route needs a description");
    for (const route of adminRoutes) expect(route.description.trim(), route.path).not.toBe("");
  });
});
