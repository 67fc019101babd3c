import { z } from "zod";

// What the admin API answers, for /api/openapi.json. Where a use case answers a shape of its own
// (status, erase, enable), the document says "an object" rather than keep a second copy of it here.

export const anyObject = z.record(z.string(), z.unknown());

/** `{"error": {"code", "message", "path"?}}`: every error (send-error.ts). */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), path: z.string().optional() }),
});

/** A score revision (src/ports/score-store.ts). */
export const revision = z.object({
  revision: z.number().int(),
  definition: anyObject,
  savedAtMs: z.number(),
  savedBy: z.string(),
  change: z.string(),
});

const sourceStatus = z.enum(["available", "missing_scope", "needs_enterprise", "failing"]);

/** One event type's source and status (src/app/sources/source-statuses.ts). */
export const sourceStatusRow = z.object({
  eventType: z.string(),
  source: z.string(),
  status: sourceStatus,
  detail: z.string(),
});

/**
 * A rule counts an event type the portal cannot supply now (docs/decisions.md §Sources status); test and
 * preview also list what the read itself met (`{source, code, message}`).
 */
export const scoreWarning = z.union([
  z.object({
    code: z.literal("source_unavailable"),
    eventType: z.string(),
    status: sourceStatus.exclude(["available"]),
    message: z.string(),
  }),
  z.object({ source: z.string(), code: z.string(), message: z.string() }),
]);

/** A saved revision and the warnings of its rules (create, update, restore). */
export const savedRevision = revision.extend({ warnings: z.array(scoreWarning) });

export const foundRecords = z.object({
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
});

/** A property as the builder's pickers show it (src/app/pickers/portal-properties.ts). */
export const pickerProperty = z.object({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  group: z.string(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
});

export const pickerEventTypes = z.array(
  z.object({
    type: z.string(),
    label: z.string(),
    source: z.string(),
    available: z.boolean(),
    reason: z.string().optional(),
    properties: z.array(pickerProperty),
  }),
);

export const pickerLists = z.array(
  z.object({ id: z.string(), name: z.string(), objectType: z.string(), size: z.number().nullable() }),
);

export const namedRecords = z.object({
  portalId: z.number().int(),
  objectType: z.string(),
  records: z.array(z.object({ id: z.string(), name: z.string(), label: z.string() })),
});
