import { z } from "zod";
import { checkDefinition } from "./check-definition.js";
import { conditionSchema } from "./condition-schema.js";
import { eventRuleSchema, propertyRuleSchema } from "./rule-schema.js";
import { objectTypes } from "./snapshot-schema.js";

// docs/scoring.md §Score definition. Shapes here; rules that span fields in check-definition.ts.

const decaySchema = z.union(
  [
    z.strictObject({
      percent: z.number().gt(0).lte(100),
      everyMonths: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]),
    }),
    z.strictObject({ percent: z.number().gt(0).lte(100), everyDays: z.number().int().min(1).max(3650) }),
  ],
  {
    error:
      'expected {"percent": 0 < p ≤ 100, "everyMonths": 1 | 3 | 6 | 12} or {"percent": p, "everyDays": 1–3650}',
  },
);

const groupBase = { name: z.string().min(1), limit: z.number().positive().optional() };
export const engagementGroupSchema = z.strictObject({
  ...groupBase,
  kind: z.literal("engagement"),
  decay: decaySchema.optional(),
  rules: z.array(eventRuleSchema).min(1),
});
export const fitGroupSchema = z.strictObject({
  ...groupBase,
  kind: z.literal("fit"),
  decay: z.unknown().optional(),
  rules: z.array(propertyRuleSchema).min(1),
});
const groupSchema = z.discriminatedUnion("kind", [engagementGroupSchema, fitGroupSchema], {
  error: 'expected "kind": "engagement" or "fit"',
});

const levels = z.strictObject({ high: z.number(), medium: z.number() });
const tierSchema = z.strictObject({
  label: z.string().min(1),
  from: z.number().optional(),
  color: z.string().optional(),
});
const thresholdsSchema = z.strictObject({
  high: z.number().optional(),
  medium: z.number().optional(),
  fit: levels.optional(),
  engagement: levels.optional(),
  tiers: z.array(tierSchema).min(1).optional(),
});

const listId = z.union([z.string().min(1), z.number().int().nonnegative()]).transform(String);
const recordsSchema = z.discriminatedUnion(
  "mode",
  [
    z.strictObject({ mode: z.literal("all"), exclude: z.array(listId).default([]) }),
    z.strictObject({
      mode: z.literal("lists"),
      include: z.array(listId).min(1),
      exclude: z.array(listId).default([]),
    }),
  ],
  { error: 'expected "mode": "all" or "lists"' },
);

export const definitionSchema = z
  .strictObject({
    id: z.string().min(1),
    name: z.string().min(1),
    object: z.enum(objectTypes),
    type: z.enum(["engagement", "fit", "combined"]),
    status: z.enum(["draft", "enabled", "disabled"]).default("draft"),
    limits: z.strictObject({ max: z.number().optional(), min: z.number().optional() }).default({ max: 100 }),
    records: recordsSchema.default({ mode: "all", exclude: [] }),
    thresholds: thresholdsSchema.optional(),
    property: z.strictObject({
      name: z.string(),
      label: z.string().min(1).optional(),
      description: z.string().optional(),
    }),
    association: z
      .strictObject({
        labels: z.array(z.string()).optional(),
        where: z.array(conditionSchema).optional(),
        aggregation: z.enum(["sum", "avg", "min", "max"]).default("sum"),
      })
      .optional(),
    groups: z.array(groupSchema).min(1),
  })
  .superRefine(checkDefinition);

export type ScoreDefinition = z.infer<typeof definitionSchema>;
export type ScoreDefinitionInput = z.input<typeof definitionSchema>;
export type EngagementGroup = z.infer<typeof engagementGroupSchema>;
export type FitGroup = z.infer<typeof fitGroupSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type Decay = NonNullable<EngagementGroup["decay"]>;
