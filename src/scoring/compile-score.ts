import { compileCondition } from "./compile-condition.js";
import type { CompiledEventRule, CompiledFitRule, CompiledGroup, CompiledScore } from "./compiled-score.js";
import type { Decay, ScoreDefinition } from "./definition-schema.js";
import { parseInstant } from "./parse-instant.js";
import type { ScoredEvent } from "./parse-snapshot.js";
import type { EventRule, Frequency, PropertyRule, Timeframe } from "./rule-schema.js";
import { compileThreshold } from "./thresholds.js";

const dayMs = 86_400_000;
// docs/scoring.md §Event rules: weeks are 7 days, months 30 days, years 365 days.
export const timeframeUnitMs = {
  days: dayMs,
  weeks: 7 * dayMs,
  months: 30 * dayMs,
  years: 365 * dayMs,
} as const;

/** Compile a parsed definition once into an evaluator-ready form (see evaluate-record.ts). */
export function compileScore(definition: ScoreDefinition): CompiledScore {
  const eventRules: CompiledEventRule[] = [];
  const groups: CompiledGroup[] = definition.groups.map((group) => ({
    name: group.name,
    kind: group.kind,
    limit: group.limit,
    rules:
      group.kind === "engagement"
        ? group.rules.map((rule, index) => {
            const compiled = compileEventRule(rule, index, eventRules.length, group.decay);
            eventRules.push(compiled);
            return compiled;
          })
        : group.rules.map((rule, index) => compileFitRule(rule, index)),
  }));
  const eventRulesByType = new Map<string, CompiledEventRule[]>();
  for (const rule of eventRules)
    eventRulesByType.set(rule.event, [...(eventRulesByType.get(rule.event) ?? []), rule]);

  const { records, association } = definition;
  const include = records.mode === "lists" ? new Set(records.include) : undefined;
  const exclude = new Set(records.exclude);
  return {
    id: definition.id,
    object: definition.object,
    type: definition.type,
    groups,
    eventRules,
    eventRulesByType,
    contacts: {
      labels: association?.labels?.length ? new Set(association.labels) : undefined,
      where: (association?.where ?? []).map(compileCondition),
      aggregation: association?.aggregation ?? "sum",
    },
    limits: {
      min: definition.limits.min ?? Number.NEGATIVE_INFINITY,
      max: definition.limits.max ?? Number.POSITIVE_INFINITY,
    },
    // docs/scoring.md §Scopes: exclude wins in both modes.
    inScope: (lists) =>
      !lists.some((id) => exclude.has(id)) && (include === undefined || lists.some((id) => include.has(id))),
    threshold: compileThreshold(definition.type, definition.thresholds),
  };
}

function compileEventRule(
  rule: EventRule,
  index: number,
  slot: number,
  decay: Decay | undefined,
): CompiledEventRule {
  const where = (rule.where ?? []).map(compileCondition);
  const byValue = rule.pointsByValue;
  const only = where[0];
  const points = rule.points ?? 0;
  return {
    kind: "event",
    index,
    slot,
    event: rule.event,
    where: (e: ScoredEvent) => where.every((c) => c.test(e)),
    // Individually: the points of each value the event matched (docs/scoring.md §Scoring several values).
    pointsOf:
      byValue && only
        ? (e) => only.matchedValues(e).reduce((sum, value) => sum + (byValue[value] ?? 0), 0)
        : () => points,
    inFixedWindow: compileFixedWindow(rule.timeframe),
    withinMs:
      rule.timeframe && "within" in rule.timeframe
        ? rule.timeframe.within.amount * timeframeUnitMs[rule.timeframe.within.unit]
        : undefined,
    frequency: rule.frequency && compileFrequency(rule.frequency),
    points,
    cap: rule.cap,
    decay: decay && {
      intervalMs: ("everyDays" in decay ? decay.everyDays : 30 * decay.everyMonths) * dayMs,
      percent: decay.percent,
    },
  };
}

// before / after are strict, between inclusive (docs/scoring.md §Event rules).
function compileFixedWindow(t: Timeframe | undefined): (atMs: number) => boolean {
  if (!t || "within" in t) return () => true;
  if ("before" in t) {
    const bound = parseInstant(t.before);
    return (atMs) => atMs < bound;
  }
  if ("after" in t) {
    const bound = parseInstant(t.after);
    return (atMs) => atMs > bound;
  }
  const from = parseInstant(t.between[0]);
  const to = parseInstant(t.between[1]);
  return (atMs) => atMs >= from && atMs <= to;
}

function compileFrequency(f: Frequency): (count: number) => boolean {
  if ("exactly" in f) return (n) => n === f.exactly;
  if ("atLeast" in f) return (n) => n >= f.atLeast;
  if ("atMost" in f) return (n) => n <= f.atMost;
  const [low, high] = f.between;
  return (n) => n >= low && n <= high;
}

function compileFitRule(rule: PropertyRule, index: number): CompiledFitRule {
  const of = rule.of ?? "self";
  return {
    kind: "fit",
    index,
    of:
      of === "self"
        ? "self"
        : { association: of.association, labels: of.labels?.length ? new Set(of.labels) : undefined },
    condition: compileCondition(rule),
    points: rule.points,
    pointsByValue: rule.pointsByValue,
  };
}
