import type { z } from "zod";
import { validationError } from "./hubspot-error.js";

/** A request body checked against a zod schema; HubSpot answers a malformed body with 400 VALIDATION_ERROR. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`);
  throw validationError(`Invalid input JSON: ${issues.join("; ")}`);
}
