import { validationError } from "./hubspot-error.js";
import { resolveObjectType, type SandboxObjectType } from "./object-types.js";

/** The object type of a path segment; HubSpot answers a name it cannot map with 400. */
export function objectTypeParam(segment: string | string[] | undefined): SandboxObjectType {
  const text = Array.isArray(segment) ? (segment[0] ?? "") : (segment ?? "");
  const type = resolveObjectType(text);
  if (!type) throw validationError(`Unable to infer object type from: ${text}`);
  return type;
}

/** A numeric record id as HubSpot takes it: digits, given as a string or a number. */
export function recordIdOf(value: unknown): number | null {
  const text = String(value ?? "");
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}
