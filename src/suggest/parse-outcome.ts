import { z } from "zod";
import { formatIssues } from "../scoring/format-issues.js";
import { type FieldProblem, parseInstant } from "../scoring/index.js";
import type { Outcome } from "./suggestion.js";

// One outcome line of `lead-score suggest` (docs/scoring.md §Offline CLI): {"id", "converted", "at"}.

const outcomeSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  converted: z.boolean(),
  at: z
    .union([z.string(), z.number()])
    .refine((v) => !Number.isNaN(parseInstant(v)), "expected a date (ISO 8601 or epoch milliseconds)"),
});

/** An Outcome from unknown JSON, or the problems with it by field path. */
export function parseOutcome(input: unknown): { outcome: Outcome } | { problems: FieldProblem[] } {
  const parsed = outcomeSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { problems: formatIssues(parsed.error.issues) };
  const { id, converted, at } = parsed.data;
  return { outcome: { id, converted, atMs: parseInstant(at) } };
}
