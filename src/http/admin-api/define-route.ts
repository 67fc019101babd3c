import type { RequestHandler, Response, Router } from "express";
import type { z } from "zod";
import type { AdminPrincipal } from "./admin-auth.js";

// Each admin API route is declared once, here as data: its method, path, request schemas, response
// schema and description. The express wiring (mountRoutes) validates requests with those schemas,
// and /api/openapi.json (build-openapi-document.ts) is generated from the same declarations, so the
// document cannot drift from what the routes accept.

type Method = "get" | "post" | "put" | "delete";

type RequestSchemas = {
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Parsed by the route before its handler runs. */
  body?: z.ZodType;
  /**
   * Described in the document, validated by the use case instead: a score definition, whose errors
   * come from the engine with the field path (definition-schema.ts), not from zod at the edge.
   */
  useCaseBody?: z.ZodType;
};
type Parsed<S extends z.ZodType | undefined, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;
export type RouteInput<S extends RequestSchemas> = {
  params: Parsed<S["params"], undefined>;
  query: Parsed<S["query"], undefined>;
  /** The parsed body, or the raw JSON for a body the use case validates. */
  body: Parsed<S["body"], unknown>;
  /** Who calls (requireAdmin), for routes under /portals/:portalId. */
  principal: AdminPrincipal;
};

/** A reply with another status than the route's usual one (preview: 202 for a job, 200 otherwise). */
export class RouteReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** A reply that is not JSON (a CSV download): its media type, a file name to save it as, and its text. */
export class FileReply {
  constructor(
    readonly contentType: string,
    readonly fileName: string,
    readonly body: string,
  ) {}
}

/** What /api/openapi.json says of a route; everything but the handler. */
export type RouteDoc = {
  method: Method;
  /** Under /api, in express's syntax: "/portals/:portalId/scores/:scoreId". */
  path: string;
  /** What the route does: the operation's summary in the document. */
  description: string;
  request: RequestSchemas;
  /** Outside /portals/:portalId, yet only for `Authorization: Bearer <ADMIN_TOKEN>` (sign-in links). */
  bearerOnly?: boolean;
  /** The success status (the handler may reply another with RouteReply) and its body. */
  status: number;
  response: z.ZodType;
};

export type AdminRoute<Deps> = RouteDoc & {
  /** The express handler: validates the request, runs the route, sends its JSON. */
  handler(deps: Deps): RequestHandler;
};

/**
 * Declares a route. A route must say what it does: without a description it cannot be declared,
 * so it cannot be served undocumented.
 */
export function defineRoute<Deps, const S extends RequestSchemas>(route: {
  method: Method;
  path: string;
  description: string;
  bearerOnly?: boolean;
  request: S;
  status?: number;
  response: z.ZodType;
  handle(deps: Deps, input: RouteInput<S>): Promise<unknown>;
}): AdminRoute<Deps> {
  const { handle, ...doc } = route;
  if (doc.description.trim() === "")
    throw new Error(`${doc.method.toUpperCase()} ${doc.path}: an admin route needs a description`);
  const { params, query, body } = doc.request;
  const status = doc.status ?? 200;
  return {
    ...doc,
    status,
    handler: (deps) => async (req, res: Response) => {
      // In the order the handlers checked them before: the path, then the query, then the body.
      // reportInput: zod 4 leaves the input out of an issue otherwise, and format-issues.ts reads a
      // missing input as "required" where the value was there but not one of the allowed ones.
      const options = { reportInput: true };
      const input = {
        params: params?.parse(req.params, options),
        query: query?.parse(req.query, options),
        body: body ? body.parse(req.body, options) : req.body,
        principal: res.locals.principal as AdminPrincipal,
      } as RouteInput<S>;
      const result = await handle(deps, input);
      if (result instanceof RouteReply) res.status(result.status).json(result.body);
      else if (result instanceof FileReply)
        res.status(status).type(result.contentType).attachment(result.fileName).send(result.body);
      else res.status(status).json(result);
    },
  };
}

/** Registers routes on an express router, each at its declared method and path. */
export function mountRoutes<Deps>(router: Router, routes: readonly AdminRoute<Deps>[], deps: Deps): Router {
  for (const route of routes) router[route.method](route.path, route.handler(deps));
  return router;
}

/**
 * Where a portal's routes start: every route under it needs the admin token or a session, and a
 * portal the caller may see (create-admin-api.ts); the document marks them so.
 */
export const PORTAL_PATH = "/portals/:portalId";
