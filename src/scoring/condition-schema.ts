import { z } from "zod";
import { parseInstant } from "./parse-instant.js";

// docs/scoring.md §Property operators: which operator takes `value`, which `values`, and of what kind.
export const operators = [
  "eq",
  "neq",
  "in",
  "notIn",
  "containsAny",
  "notContainsAny",
  "known",
  "unknown",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "before",
  "after",
  "betweenDates",
  "inList",
  "notInList",
] as const;
export type Operator = (typeof operators)[number];

type Operand = "none" | "text" | "texts" | "number" | "numberRange" | "date" | "dateRange";
const operandOf: Record<Operator, Operand> = {
  eq: "text",
  neq: "text",
  in: "texts",
  notIn: "texts",
  containsAny: "texts",
  notContainsAny: "texts",
  known: "none",
  unknown: "none",
  gt: "number",
  gte: "number",
  lt: "number",
  lte: "number",
  between: "numberRange",
  before: "date",
  after: "date",
  betweenDates: "dateRange",
  inList: "texts",
  notInList: "texts",
};
export const listOperators: ReadonlySet<Operator> = new Set(["inList", "notInList"]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const conditionShape = {
  property: z.string().min(1),
  operator: z.enum(operators),
  value: scalar.optional(),
  values: z.array(scalar).optional(),
};

type ConditionFields = { operator: Operator; value?: Scalar | undefined; values?: Scalar[] | undefined };
type Scalar = z.infer<typeof scalar>;

/** Cross-field checks of one condition: the operand its operator needs (refinement for zod). */
export function checkCondition(c: ConditionFields, ctx: z.RefinementCtx): void {
  const problem = (path: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [path], message, input: c });
  const operand = operandOf[c.operator];
  const takesValue = operand === "text" || operand === "number" || operand === "date";
  const takesValues = !takesValue && operand !== "none";
  if (takesValue && c.value === undefined) problem("value", `required for operator "${c.operator}"`);
  if (takesValues && c.values === undefined) problem("values", `required for operator "${c.operator}"`);
  if (!takesValue && c.value !== undefined) problem("value", `not used by operator "${c.operator}"`);
  if (!takesValues && c.values !== undefined) problem("values", `not used by operator "${c.operator}"`);
  if (operand === "number" && c.value !== undefined && typeof c.value !== "number") {
    problem("value", "expected a number");
  }
  if (operand === "date" && c.value !== undefined && Number.isNaN(parseInstant(c.value))) {
    problem("value", "expected a date (ISO 8601 or epoch milliseconds)");
  }
  if (c.values === undefined) return;
  if (operand === "texts" && c.values.length === 0) problem("values", "must list at least one value");
  if (operand === "numberRange" || operand === "dateRange") {
    const [lo, hi] = operand === "numberRange" ? c.values : c.values.map((v) => parseInstant(v));
    const ok =
      c.values.length === 2 &&
      typeof lo === "number" &&
      typeof hi === "number" &&
      !Number.isNaN(lo) &&
      !Number.isNaN(hi);
    const kind = operand === "numberRange" ? "numbers" : "dates";
    if (!ok) problem("values", `expected two ${kind} [from, to]`);
    else if (lo > hi) problem("values", `the first of the two ${kind} must not be after the second`);
  }
}

export const conditionSchema = z.strictObject(conditionShape).superRefine(checkCondition);

export type Condition = z.infer<typeof conditionSchema>;
