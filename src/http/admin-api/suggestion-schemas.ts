import { z } from "zod";

// The suggestion API's bodies (docs/decisions.md §Suggested scores from HubSpot), validated at the edge and
// described in /api/openapi.json.

const stage = (field: string) =>
  z
    .string()
    .regex(
      /^[a-z0-9_]{1,100}$/,
      `${field} is a lifecycle stage's internal value, like marketingqualifiedlead or customer`,
    );

/** POST /scores/suggest. */
export const suggestBody = z
  .strictObject({
    object: z.enum(["contacts", "companies"]),
    type: z.enum(["engagement", "fit"]),
    from: stage("from"),
    to: stage("to"),
    withinDays: z.number().int().min(1).max(365),
  })
  .refine((body) => body.from !== body.to, { path: ["to"], message: "must be another stage than from" });

const conversion = {
  records: z.number().int(),
  converted: z.number().int(),
  rate: z.number().min(0).max(1).nullable(),
};

/** What a suggestion found (src/suggest/suggestion.ts SuggestionEvidence). */
export const evidenceResponse = z.object({
  metrics: z.object({
    auc: z.number().describe("area under the ROC curve of the draft's score on the holdout"),
    labelled: z.number().int(),
    converted: z.number().int(),
    notConverted: z.number().int(),
    training: z.number().int(),
    holdout: z.number().int(),
    leftOut: z.record(z.string(), z.number().int()).describe("records not labelled or not usable, by reason"),
    from: z.string().describe("earliest decision instant among the labelled records"),
    until: z.string().describe("latest decision instant among the labelled records"),
    seed: z.number().int(),
  }),
  rules: z.array(
    z.object({
      group: z.number().int(),
      rule: z.number().int(),
      feature: z.string(),
      points: z.number(),
      coefficient: z.number(),
      withFeature: z.object(conversion),
      withoutFeature: z.object(conversion),
    }),
  ),
  tiers: z.array(z.object({ tier: z.string(), ...conversion })),
  lift: z.array(z.object({ decile: z.number().int(), ...conversion })),
  dropped: z.array(z.object({ feature: z.string(), reason: z.string() })),
});

/** GET /scores/:scoreId/suggestion. */
export const suggestionResponse = z.object({
  request: z.object({
    object: z.enum(["contacts", "companies"]),
    type: z.enum(["engagement", "fit"]),
    from: z.string(),
    to: z.string(),
    withinDays: z.number().int(),
  }),
  jobId: z.string(),
  createdAt: z.string().describe("ISO 8601"),
  evidence: evidenceResponse,
});
