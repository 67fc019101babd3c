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

export const namedRecords = z.object({
  portalId: z.number().int(),
  objectType: z.string(),
  records: z.array(z.object({ id: z.string(), name: z.string(), label: z.string() })),
});
