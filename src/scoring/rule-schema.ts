import { z } from "zod";
import { checkCondition, conditionSchema, conditionShape } from "./condition-schema.js";
import { parseInstant } from "./parse-instant.js";
import { objectTypes } from "./snapshot-schema.js";

// docs/scoring.md §Event rules and §Scoring several values.

const isoInstant = z
  .union([z.string(), z.number()])
  .refine((v) => !Number.isNaN(parseInstant(v)), "expected a date (ISO 8601 or epoch milliseconds)");
const positive = z.number().positive();

export const timeframeSchema = z.union(
  [
    z.strictObject({
      within: z.strictObject({
        amount: z.number().positive(),
        unit: z.enum(["days", "weeks", "months", "years"]),
      }),
    }),
    z.strictObject({ before: isoInstant }),
    z.strictObject({ after: isoInstant }),
    z.strictObject({ between: z.tuple([isoInstant, isoInstant]) }),
  ],
  {
    error:
      'expected {"within": {"amount", "unit"}}, {"before": date}, {"after": date} or {"between": [date, date]}',
  },
);

const count = z.number().int().nonnegative();
export const frequencySchema = z.union(
  [
    z.strictObject({ exactly: count }),
    z.strictObject({ atLeast: count }),
    z.strictObject({ atMost: count }),
    z.strictObject({ between: z.tuple([count, count]) }),
  ],
  {
    error:
      'expected {"exactly": n}, {"atLeast": n}, {"atMost": n} or {"between": [a, b]} with whole numbers ≥ 0',
  },
);

const pointsByValue = z.record(z.string(), z.number());

export const eventRuleSchema = z.strictObject({
  event: z.string().min(1),
  where: z.array(conditionSchema).optional(),
  timeframe: timeframeSchema.optional(),
  frequency: frequencySchema.optional(),
  cap: positive.optional(),
  points: z.number().optional(),
  pointsByValue: pointsByValue.optional(),
});

export const associationTargetSchema = z.union(
  [
    z.literal("self"),
    z.strictObject({ association: z.enum(objectTypes), labels: z.array(z.string()).optional() }),
  ],
  { error: 'expected "self" or {"association": "contacts" | "companies" | "deals", "labels"?: [...]}' },
);

export const propertyRuleSchema = z
  .strictObject({
    ...conditionShape,
    of: associationTargetSchema.optional(),
    points: z.number().optional(),
    pointsByValue: pointsByValue.optional(),
  })
  .superRefine(checkCondition);

export type EventRule = z.infer<typeof eventRuleSchema>;
export type PropertyRule = z.infer<typeof propertyRuleSchema>;
export type Timeframe = z.infer<typeof timeframeSchema>;
export type Frequency = z.infer<typeof frequencySchema>;
