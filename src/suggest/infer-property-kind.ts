import type { PropertyKind } from "./suggestion.js";

type Value = string | number | boolean;

const isoDate = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}|$)/;
const booleanTexts = new Set(["true", "false"]);

/**
 * What a property is, judged from its known values when the portal does not say (the offline CLI):
 * booleans, numbers, dates (ISO text), else text. A name that says date or time makes epoch numbers dates.
 */
export function inferPropertyKind(name: string, values: readonly Value[]): PropertyKind {
  if (values.every((v) => typeof v === "boolean" || booleanTexts.has(String(v).toLowerCase()))) return "bool";
  if (values.every((v) => typeof v === "string" && isoDate.test(v))) return "date";
  const numeric = values.every((v) => typeof v === "number" || (typeof v === "string" && isNumeric(v)));
  if (numeric) return /date|time|_at$/.test(name) ? "date" : "number";
  return "text";
}

export function isNumeric(text: string): boolean {
  return text.trim() !== "" && Number.isFinite(Number(text));
}
