import { z } from "zod";

/** A job as GET /jobs/:jobId answers it (src/ports/job-store.ts), for /api/openapi.json. */
export const jobResponse = z.object({
  id: z.string(),
  portalId: z.number().int(),
  kind: z.enum(["rescore", "preview", "performance", "suggest"]),
  scoreId: z.string(),
  status: z.enum(["queued", "running", "paused", "done", "failed"]),
  progress: z.object({
    done: z.number().int(),
    total: z.number().int().nullable().describe("records counted by HubSpot when the job started"),
    ratePerSec: z.number().nullable().optional().describe("records a second since the job (re)started"),
    etaSec: z.number().int().nullable().optional().describe("seconds left at that rate"),
  }),
  cursor: z.string().nullable(),
  createdAtMs: z.number(),
  updatedAtMs: z.number(),
  result: z.unknown().optional(),
  error: z.string().optional(),
  errorCode: z
    .string()
    .optional()
    .describe("code of the error that ended the job, e.g. forbidden (missing scope)"),
  waiting: z
    .object({ untilMs: z.number(), reason: z.string() })
    .optional()
    .describe("set while the job waits for HubSpot (rate limit, outage) before resuming from its cursor"),
  input: z.unknown().optional(),
});
