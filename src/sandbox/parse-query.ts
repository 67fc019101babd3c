import type { Request } from "express";
import { z } from "zod";
import { validationError } from "./hubspot-error.js";

/** Query parameters, the first of each name, checked against a schema; HubSpot answers a malformed one with 400. */
export function parseQuery<T>(schema: z.ZodType<T>, req: Request): T {
  const single = Object.fromEntries(
    Object.entries(req.query).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
  const parsed = schema.safeParse(single);
  if (parsed.success) return parsed.data;
  throw validationError(
    `Invalid query: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(query)"}: ${i.message}`).join("; ")}`,
  );
}

/** An optional whole-number parameter. */
export const wholeParam = (name: string) =>
  z
    .string()
    .regex(/^-?\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .optional();

/** An optional `limit` between 1 and `max`. */
export const limitParam = (max: number) =>
  wholeParam("limit").refine(
    (n) => n === undefined || (n >= 1 && n <= max),
    `limit must be between 1 and ${max}`,
  );

/** The request's own URL with `after` set: HubSpot's paging.next.link, which keeps the query's filters. */
export function nextLink(req: Request, after: string): string {
  const url = new URL(`${req.protocol}://${req.get("host")}${req.originalUrl}`);
  url.searchParams.set("after", after);
  return url.toString();
}
