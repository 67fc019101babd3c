import type { z } from "zod";
import { type Condition, listOperators } from "./condition-schema.js";
import { parseInstant } from "./parse-instant.js";
import type { EventRule, PropertyRule } from "./rule-schema.js";
import { scorePropertyNames } from "./score-property-names.js";
import type { ObjectType } from "./snapshot-schema.js";

type Path = (string | number)[];
type Group =
  | { kind: "engagement"; rules: EventRule[] }
  | { kind: "fit"; rules: PropertyRule[]; decay?: unknown };
type Shape = {
  object: ObjectType;
  type: "engagement" | "fit" | "combined";
  limits: { min?: number | undefined; max?: number | undefined };
  thresholds?: {
    high?: number | undefined;
    medium?: number | undefined;
    fit?: { high: number; medium: number } | undefined;
    engagement?: { high: number; medium: number } | undefined;
    tiers?: { label: string; from?: number | undefined }[] | undefined;
  };
  property: { name: string };
  association?: { where?: Condition[] | undefined } | undefined;
  groups: Group[];
};

const propertyNamePattern = /^[a-z][a-z0-9_]{0,80}$/;

/** The cross-field rules of docs/scoring.md §Score definition, as a zod refinement. */
export function checkDefinition(d: Shape, ctx: z.RefinementCtx): void {
  const problem = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message, input: d });

  if (d.object === "deals" && d.type !== "combined") problem(["type"], 'deal scores are "combined" only');
  if (d.association && d.object === "contacts") {
    problem(
      ["association"],
      "applies to company and deal scores only (contact scores read their own events)",
    );
  }
  if (d.limits.min !== undefined && d.limits.max !== undefined && d.limits.min > d.limits.max) {
    problem(["limits", "min"], "must not be greater than limits.max");
  }
  if (!propertyNamePattern.test(d.property.name)) {
    problem(
      ["property", "name"],
      "use lowercase letters, digits and _; start with a letter (at most 81 characters)",
    );
  } else if (d.property.name.startsWith("hs_")) {
    problem(["property", "name"], 'must not start with "hs_" (reserved by HubSpot)');
  }
  checkThresholds(d, problem);

  const own = new Set(scorePropertyNames(d.property.name, d.type));
  const checkReads = (conditions: Condition[] | undefined, path: Path, where: "event" | "record") => {
    conditions?.forEach((c, i) => {
      if (own.has(c.property)) problem([...path, i, "property"], "a score may not read its own properties");
      if (where === "event" && listOperators.has(c.operator)) {
        problem([...path, i, "operator"], "list operators apply to records, not to event properties");
      }
    });
  };
  checkReads(d.association?.where, ["association", "where"], "record");

  d.groups.forEach((g, gi) => {
    const at: Path = ["groups", gi];
    if (g.kind !== d.type && d.type !== "combined") {
      problem([...at, "kind"], `${d.type} scores hold only ${d.type} groups`);
    }
    if (g.kind === "fit") {
      if (g.decay !== undefined) problem([...at, "decay"], "applies to engagement groups only");
      g.rules.forEach((r, ri) => {
        checkReads([r], [...at, "rules"], "record");
        checkPoints(r, [...at, "rules", ri], problem, fitKeys(r));
      });
    } else {
      g.rules.forEach((r, ri) => {
        const rp: Path = [...at, "rules", ri];
        checkReads(r.where, [...rp, "where"], "event");
        checkPoints(r, rp, problem, eventKeys(r, rp, problem));
        if (r.pointsByValue && r.frequency)
          problem([...rp, "pointsByValue"], "cannot be used with frequency");
        const range = r.frequency && "between" in r.frequency ? r.frequency.between : undefined;
        if (range && range[0] > range[1]) problem([...rp, "frequency", "between"], "must be [low, high]");
        const span = r.timeframe && "between" in r.timeframe ? r.timeframe.between : undefined;
        if (span && parseInstant(span[0]) > parseInstant(span[1])) {
          problem([...rp, "timeframe", "between"], "the first date must not be after the second");
        }
      });
    }
  });
}

type Problem = (path: Path, message: string) => void;

function checkPoints(
  r: { points?: number | undefined; pointsByValue?: Record<string, number> | undefined },
  path: Path,
  problem: Problem,
  allowedKeys: string[] | undefined,
): void {
  if (r.points !== undefined && r.pointsByValue !== undefined) {
    problem([...path, "pointsByValue"], "give either points or pointsByValue, not both");
  } else if (r.points === undefined && r.pointsByValue === undefined) {
    problem([...path, "points"], "expected a number (or pointsByValue)");
  }
  if (r.pointsByValue === undefined || allowedKeys === undefined) return;
  const keys = new Set(Object.keys(r.pointsByValue));
  const wanted = new Set(allowedKeys);
  for (const key of keys) {
    if (!wanted.has(key)) problem([...path, "pointsByValue", key], "is not one of the rule's values");
  }
  for (const value of wanted) {
    if (!keys.has(value)) problem([...path, "pointsByValue"], `has no points for the value "${value}"`);
  }
}

// docs/scoring.md §Scoring several values: a fit rule's keys are its own `values`.
function fitKeys(r: PropertyRule): string[] | undefined {
  return r.values?.map(String);
}

// An engagement rule with pointsByValue has exactly one `where` condition with `in` or `containsAny`.
function eventKeys(r: EventRule, path: Path, problem: Problem): string[] | undefined {
  if (r.pointsByValue === undefined) return undefined;
  const only = r.where?.length === 1 ? r.where[0] : undefined;
  if (!only || (only.operator !== "in" && only.operator !== "containsAny")) {
    problem(
      [...path, "where"],
      'pointsByValue needs exactly one where condition with operator "in" or "containsAny"',
    );
    return undefined;
  }
  return only.values?.map(String);
}

function checkThresholds(d: Shape, problem: Problem): void {
  const t = d.thresholds;
  if (!t) return;
  const order = (path: Path, l: { high: number; medium: number }) => {
    if (l.high < l.medium) problem([...path, "high"], "must be greater than or equal to medium");
  };
  if (d.type === "combined") {
    for (const key of ["high", "medium", "tiers"] as const) {
      if (t[key] !== undefined)
        problem(["thresholds", key], 'combined scores use {"fit": …, "engagement": …}');
    }
    if (!t.fit) problem(["thresholds", "fit"], "required for combined scores");
    else order(["thresholds", "fit"], t.fit);
    if (!t.engagement) problem(["thresholds", "engagement"], "required for combined scores");
    else order(["thresholds", "engagement"], t.engagement);
    return;
  }
  for (const key of ["fit", "engagement"] as const) {
    if (t[key] !== undefined)
      problem(["thresholds", key], "only combined scores have fit and engagement thresholds");
  }
  if (t.tiers) {
    if (t.high !== undefined || t.medium !== undefined) {
      problem(["thresholds"], "give either high/medium or tiers, not both");
    }
    checkTiers(t.tiers, problem);
    return;
  }
  if (t.high === undefined) problem(["thresholds", "high"], "expected a number");
  if (t.medium === undefined) problem(["thresholds", "medium"], "expected a number");
  if (t.high !== undefined && t.medium !== undefined)
    order(["thresholds"], { high: t.high, medium: t.medium });
}

// docs/scoring.md §Thresholds: tiers by descending `from`, the last without one; option values unique.
function checkTiers(tiers: { label: string; from?: number | undefined }[], problem: Problem): void {
  const seen = new Set<string>();
  tiers.forEach((tier, i) => {
    const path: Path = ["thresholds", "tiers", i];
    const last = i === tiers.length - 1;
    if (last && tier.from !== undefined)
      problem([...path, "from"], "the last tier has no from (it takes the rest)");
    if (!last && tier.from === undefined) problem([...path, "from"], "expected a number");
    const previous = tiers[i - 1]?.from;
    if (tier.from !== undefined && previous !== undefined && tier.from >= previous) {
      problem([...path, "from"], "tiers are listed by descending from");
    }
    const option = tierOptionValue(tier.label);
    if (seen.has(option))
      problem([...path, "label"], `gives the same option value "${option}" as another tier`);
    seen.add(option);
  });
}

/** A custom tier's threshold option value: its label lower-cased, non-alphanumerics as `_`. */
export function tierOptionValue(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, "_");
}
