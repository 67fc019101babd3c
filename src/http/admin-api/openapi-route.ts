import { defineRoute } from "./define-route.js";
import { anyObject } from "./response-schemas.js";

/** GET /api/openapi.json: open to all, like any API description; it holds no portal's data. */
export const openApiRoute = defineRoute({
  method: "get",
  path: "/openapi.json",
  description: "This document: every admin API route, generated from the routes' own declarations",
  request: {},
  response: anyObject,
  handle: async (deps: { openapi: object }) => deps.openapi,
});
