import type { Condition, Operator } from "./condition-schema.js";
import { parseInstant } from "./parse-instant.js";
import type { PropertyValue } from "./snapshot-schema.js";

/** What a condition looks at: a record (properties and lists) or an event (properties only). */
export type Subject = { properties: Record<string, PropertyValue | undefined>; lists?: readonly string[] };

export type CompiledCondition = {
  test(subject: Subject): boolean;
  /** The condition's own values that the subject matches (for pointsByValue); in/containsAny/inList. */
  matchedValues(subject: Subject): string[];
};

type Test = (subject: Subject) => boolean;
const negations: Partial<Record<Operator, Operator>> = {
  neq: "eq",
  notIn: "in",
  notContainsAny: "containsAny",
  notInList: "inList",
};

// docs/scoring.md §Property operators. Negated operators are the negation of their positive form, so
// they match an unknown value and "Northeast;Midwest" is not `neq` "Northeast".
export function compileCondition(c: Condition): CompiledCondition {
  const positive = negations[c.operator];
  if (positive) {
    const inner = compileCondition({ ...c, operator: positive });
    return { test: (s) => !inner.test(s), matchedValues: () => [] };
  }
  const matchedValues = compileMatchedValues(c);
  return { test: compileTest(c, matchedValues), matchedValues };
}

const isUnknown = (v: PropertyValue | undefined): v is null | undefined | "" =>
  v === null || v === undefined || v === "";

/** A multi-select value "a;b" is its options; other values are one option. */
function optionsOf(v: string | number | boolean): string[] {
  const text = String(v);
  return text.includes(";") ? text.split(";") : [text];
}

function toNumber(v: PropertyValue | undefined): number {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v.trim() === "") return Number.NaN;
  return Number(v);
}

function compileMatchedValues(c: Condition): (s: Subject) => string[] {
  const values = (c.values ?? []).map(String);
  const { property } = c;
  if (c.operator === "in") {
    const wanted = new Set(values);
    return (s) => {
      const v = s.properties[property];
      if (isUnknown(v)) return [];
      return [...new Set(optionsOf(v).filter((o) => wanted.has(o)))];
    };
  }
  if (c.operator === "containsAny") {
    const needles = values.map((v) => [v, v.toLowerCase()] as const);
    return (s) => {
      const v = s.properties[property];
      if (isUnknown(v)) return [];
      const hay = String(v).toLowerCase();
      return needles.filter(([, needle]) => hay.includes(needle)).map(([value]) => value);
    };
  }
  if (c.operator === "inList") return (s) => values.filter((id) => s.lists?.includes(id));
  return () => [];
}

function compileTest(c: Condition, matchedValues: (s: Subject) => string[]): Test {
  const { property } = c;
  const read = (s: Subject) => s.properties[property];
  switch (c.operator) {
    case "known":
      return (s) => !isUnknown(read(s));
    case "unknown":
      return (s) => isUnknown(read(s));
    case "eq": {
      const target = String(c.value);
      return (s) => {
        const v = read(s);
        return !isUnknown(v) && optionsOf(v).includes(target);
      };
    }
    case "in":
    case "containsAny":
      return (s) => matchedValues(s).length > 0;
    case "inList": {
      const ids = new Set((c.values ?? []).map(String));
      return (s) => s.lists?.some((id) => ids.has(id)) ?? false;
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "between":
      return compileRange(c, (s) => toNumber(read(s)));
    case "before":
    case "after":
    case "betweenDates":
      return compileRange(c, (s) => parseInstant(read(s)));
    default:
      throw new Error(`operator ${c.operator} has no positive form`);
  }
}

// NaN (not a number / not a date) compares false with everything, so it never matches.
function compileRange(c: Condition, read: (s: Subject) => number): Test {
  const isDate = c.operator === "before" || c.operator === "after" || c.operator === "betweenDates";
  const toBound = (v: unknown) => (isDate ? parseInstant(v) : Number(v));
  const x = c.value === undefined ? Number.NaN : toBound(c.value);
  const [lo = Number.NaN, hi = Number.NaN] = (c.values ?? []).map(toBound);
  switch (c.operator) {
    case "gt":
    case "after":
      return (s) => read(s) > x;
    case "gte":
      return (s) => read(s) >= x;
    case "lt":
    case "before":
      return (s) => read(s) < x;
    case "lte":
      return (s) => read(s) <= x;
    default:
      return (s) => {
        const v = read(s);
        return v >= lo && v <= hi;
      };
  }
}
