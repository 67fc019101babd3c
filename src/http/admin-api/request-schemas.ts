import { z } from "zod";
import { MAX_NAMED } from "../../app/records/name-records.js";
import { crmObjectTypes } from "../../hubspot/crm-object-types.js";

// Every admin API input, validated at the edge (docs/architecture.md §Errors) and described in /api/openapi.json.

export const portalParams = z.object({ portalId: z.coerce.number().int().positive() });
export const scoreParams = portalParams.extend({ scoreId: z.string().min(1).max(200) });
export const jobParams = portalParams.extend({ jobId: z.string().uuid() });
export const recordParams = portalParams.extend({
  objectType: z.enum(["contacts", "companies", "deals"]),
  recordId: z.string().regex(/^\d+$/, "expected a HubSpot record id"),
});

export const recordSearchParams = portalParams.extend({
  objectType: z.enum(["contacts", "companies", "deals"]),
});
/** GET /records/:objectType/search: an email, a name, or a record id, as a person types it. */
export const recordSearchQuery = z.object({ q: z.string().trim().min(1).max(200) });

/** GET /records/:objectType/names?ids=1,2,3: the record ids a panel shows, comma-separated. */
export const recordNamesQuery = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/, "expected record ids separated by commas, like 101,102")
    .transform((ids) => ids.split(","))
    .refine((ids) => ids.length <= MAX_NAMED, `at most ${MAX_NAMED} record ids at once`),
});

/** GET /parked: how many parked events to list, oldest first. */
export const parkedQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

export const deleteScoreQuery = z.object({ deleteProperties: z.enum(["true", "false"]).default("false") });

/** A definition is validated by the engine's own schema (field-path errors); here it is any object. */
const definitionBody = z.record(z.string(), z.unknown());

export const testRecordBody = z.strictObject({
  recordId: z.string().regex(/^\d+$/, "expected a HubSpot record id"),
  definition: definitionBody.optional(),
});

/** Every field has a default, so a preview may be asked with no body at all. */
export const previewBody = z
  .strictObject({
    definition: definitionBody.optional(),
    sample: z.number().int().min(1).max(10_000).optional(),
    /** The whole portal, as a background job with progress (GET /jobs/:jobId). */
    whole: z.boolean().optional(),
  })
  .default({});

export const resetBody = z.union(
  [
    z.strictObject({ recordId: z.string().regex(/^\d+$/) }),
    z.strictObject({ listId: z.string().regex(/^\d+$/) }),
  ],
  { error: 'expected {"recordId": "…"} or {"listId": "…"}' },
);

export const restoreBody = z.strictObject({ revision: z.number().int().positive() });

/** GET /scores/:scoreId/performance (docs/scoring.md §Score performance). */
export const performanceQuery = z.object({
  to: z
    .string()
    .regex(
      /^[a-z0-9_]{1,100}$/,
      "expected a lifecycle stage's internal value, like customer or salesqualifiedlead",
    ),
  withinDays: z.coerce.number().int().min(1).max(365).default(30),
  days: z.coerce.number().int().min(1).max(365).default(90),
  format: z.enum(["json", "csv"]).default("json"),
});

/** The objects whose properties a rule reads: scored objects, associated ones (`of`), engagements. */
export const propertiesParams = portalParams.extend({
  objectType: z.enum(crmObjectTypes),
});
/** `?refresh=1` reads HubSpot again instead of the properties kept for a while. */
export const refreshQuery = z.object({
  refresh: z
    .enum(["1", "0", "true", "false"], { error: "refresh is 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});
export const eventTypesParams = recordSearchParams;
/** GET /lists: a part of the name ("" for every list) and the object the lists hold. */
export const listsQuery = z.object({
  q: z.string().trim().max(200).default(""),
  objectType: z.enum(["contacts", "companies", "deals"]).optional(),
});
