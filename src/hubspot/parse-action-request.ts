import { z } from "zod";
import { AppError } from "../errors.js";
import { objectTypeFromSingular, objectTypeFromTypeId } from "./webhook-object-types.js";

// docs/hubspot.md §Workflow action requests (the request to actionUrl) and docs/hubspot.md §Workflow action component (the options fetch). Input values arrive as
// strings; ids may be numbers or strings.

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String);

const actionRequestSchema = z.object({
  callbackId: z.string().min(1),
  origin: z.object({ portalId: id }),
  object: z.object({ objectId: id, objectType: z.string().min(1) }),
  inputFields: z.record(z.string(), z.unknown()).default({}),
});

const optionsRequestSchema = z.object({
  origin: z.object({ portalId: id }),
  objectTypeId: z.string().min(1).optional(),
  inputFieldName: z.string().optional(),
  fetchOptions: z.object({ q: z.string().optional(), after: z.string().optional() }).partial().optional(),
});

export type ResetActionRequest = {
  callbackId: string;
  portalId: number;
  /** Plural CRM name ("contacts"); anything else is answered FAIL_CONTINUE, never a 400. */
  objectType: string;
  objectId: string;
  scoreId: string | undefined;
  reason: string | undefined;
};

export type ResetOptionsRequest = {
  portalId: number;
  objectType: string | undefined;
  q: string;
  after: string | undefined;
};

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  throw new AppError("invalid_input", `not a HubSpot ${what}: ${problems.join("; ")}`);
}

const text = (value: unknown) =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

export function parseResetActionRequest(input: unknown): ResetActionRequest {
  const r = parse(actionRequestSchema, input, "workflow action request");
  return {
    callbackId: r.callbackId,
    portalId: Number(r.origin.portalId),
    objectType: objectTypeFromSingular(r.object.objectType),
    objectId: r.object.objectId,
    scoreId: text(r.inputFields.score),
    reason: text(r.inputFields.reason),
  };
}

export function parseResetOptionsRequest(input: unknown): ResetOptionsRequest {
  const r = parse(optionsRequestSchema, input, "options fetch");
  return {
    portalId: Number(r.origin.portalId),
    objectType: r.objectTypeId === undefined ? undefined : objectTypeFromTypeId(r.objectTypeId),
    q: r.fetchOptions?.q?.trim().toLowerCase() ?? "",
    after: r.fetchOptions?.after,
  };
}
