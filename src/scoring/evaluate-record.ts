import { aggregateContacts } from "./aggregate-contacts.js";
import type { CompiledGroup, CompiledScore } from "./compiled-score.js";
import { evaluateFitRule } from "./evaluate-fit-rule.js";
import { type RecordSnapshot, SnapshotError } from "./parse-snapshot.js";
import type { GroupResult, RuleResult, ScoreResult } from "./result.js";
import { round2 } from "./round.js";
import { type Tally, tallyEvents } from "./tally-events.js";

export type EvaluateOptions = { explain?: boolean };

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** One record, one score, at `nowMs` (docs/scoring.md §Groups and limits). Pure: the clock is an argument. */
export function evaluateRecord(
  score: CompiledScore,
  record: RecordSnapshot,
  nowMs: number,
  options: EvaluateOptions = {},
): ScoreResult {
  if (record.object !== score.object) {
    throw new SnapshotError([{ path: "object", message: `expected "${score.object}" (the score's object)` }]);
  }
  if (!score.inScope(record.lists)) return outOfScope(score, record.id);

  const explain = options.explain === true;
  const resetMs = record.resets[score.id] ?? Number.NEGATIVE_INFINITY;
  const tally =
    score.eventRules.length === 0
      ? undefined
      : score.object === "contacts"
        ? tallyEvents(score, record.events, { nowMs, resetMs, explain })
        : aggregateContacts(score, record.associations.contacts ?? [], { nowMs, resetMs, explain });

  let engagement = 0;
  let fit = 0;
  const groups = score.groups.map((group) => {
    const result = evaluateGroup(group, record, tally);
    if (group.kind === "engagement") engagement += result.raw;
    else fit += result.raw;
    return result.group;
  });

  // docs/scoring.md §Groups and limits: the total is clamped, the parts of a combined score are not.
  const raw = engagement + fit;
  const total = clamp(raw, score.limits.min, score.limits.max);
  const rounded = round2(total);
  const parts = { engagement: round2(engagement), fit: round2(fit) };
  const next = tally?.nextChangeMs ?? Number.POSITIVE_INFINITY;
  return {
    id: record.id,
    score: rounded,
    ...(score.type === "combined" ? parts : {}),
    threshold: score.threshold(rounded, parts.engagement, parts.fit),
    ...(total !== raw ? { limitHit: true as const } : {}),
    groups,
    nextChangeAt: Number.isFinite(next) ? new Date(next).toISOString() : null,
  };
}

function evaluateGroup(
  group: CompiledGroup,
  record: RecordSnapshot,
  tally: (Tally & { contacts?: Int32Array }) | undefined,
): { raw: number; group: GroupResult } {
  let sum = 0;
  const rules = group.rules.map((rule): RuleResult => {
    if (rule.kind === "fit") {
      const { value, matches } = evaluateFitRule(rule, record);
      sum += value;
      return { index: rule.index, value: round2(value), matches };
    }
    const slot = rule.slot;
    const uncapped = (tally?.value[slot] as number) ?? 0;
    // docs/scoring.md §Groups and limits (decided): the cap applies to the decayed (and aggregated) sum.
    const value = rule.cap === undefined ? uncapped : clamp(uncapped, -rule.cap, rule.cap);
    sum += value;
    const out: RuleResult = { index: rule.index, value: round2(value), matches: tally?.matches[slot] ?? 0 };
    if (tally?.contacts) out.contacts = tally.contacts[slot] ?? 0;
    if (value !== uncapped) out.capHit = true;
    const events = tally?.explained?.[slot];
    if (events)
      out.events = events.map((e) => ({ ...e, points: round2(e.points), afterDecay: round2(e.afterDecay) }));
    return out;
  });
  const raw = group.limit === undefined ? sum : clamp(sum, -group.limit, group.limit);
  const result: GroupResult = { name: group.name, value: round2(raw), rules };
  if (raw !== sum) result.limitHit = true;
  return { raw, group: result };
}

function outOfScope(score: CompiledScore, id: string): ScoreResult {
  const parts = score.type === "combined" ? { engagement: null, fit: null } : {};
  return { id, score: null, ...parts, threshold: null, groups: [], nextChangeAt: null };
}
