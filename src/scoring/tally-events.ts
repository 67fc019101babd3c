import {
  type CompiledEventRule,
  type CompiledScore,
  decayFactor,
  nextDecayStepMs,
} from "./compiled-score.js";
import type { ScoredEvent } from "./parse-snapshot.js";
import type { ExplainedEvent } from "./result.js";

/** Per event rule (by slot): what one subject's events give, before the cap. */
export type Tally = {
  value: Float64Array;
  matches: Int32Array;
  /** With frequency: whether it holds; otherwise: whether any event matched. */
  meets: Uint8Array;
  explained: ExplainedEvent[][] | undefined;
  /** Earliest future instant at which one of these values would change; Infinity if none. */
  nextChangeMs: number;
};

export type TallyOptions = { nowMs: number; resetMs: number; explain: boolean; contactId?: string };

/**
 * docs/scoring.md §Groups and limits for one subject's events (a contact's own, or one associated contact's):
 * each event visits only the rules of its type.
 */
export function tallyEvents(score: CompiledScore, events: readonly ScoredEvent[], o: TallyOptions): Tally {
  const n = score.eventRules.length;
  const value = new Float64Array(n);
  const matches = new Int32Array(n);
  const lastAtMs = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const explained = o.explain ? Array.from({ length: n }, (): ExplainedEvent[] => []) : undefined;
  let next = Number.POSITIVE_INFINITY;

  for (const event of events) {
    const rules = score.eventRulesByType.get(event.type);
    if (rules === undefined) continue;
    const { atMs } = event;
    // Events strictly before the reset never count again (docs/scoring.md §Resets).
    if (atMs < o.resetMs) continue;
    for (const rule of rules) {
      if (!rule.inFixedWindow(atMs)) continue;
      if (atMs > o.nowMs) {
        // A future event counts once now reaches it (docs/scoring.md §Event types).
        if (atMs < next && rule.where(event)) next = atMs;
        continue;
      }
      if (rule.withinMs !== undefined && atMs < o.nowMs - rule.withinMs) continue;
      if (!rule.where(event)) continue;
      const slot = rule.slot;
      matches[slot] = (matches[slot] as number) + 1;
      // `within` is inclusive (occurredAt ≥ now − amount): the event leaves 1 ms after that.
      if (rule.withinMs !== undefined) next = Math.min(next, atMs + rule.withinMs + 1);
      if (rule.frequency) {
        if (atMs > (lastAtMs[slot] as number)) lastAtMs[slot] = atMs;
        continue;
      }
      const points = rule.pointsOf(event);
      const factor = decayFactor(rule.decay, o.nowMs - atMs);
      value[slot] = (value[slot] as number) + points * factor;
      if (points !== 0) next = Math.min(next, nextDecayStepMs(rule.decay, atMs, o.nowMs));
      explained?.[slot]?.push(explainEvent(event, points, factor, o.contactId));
    }
  }

  const meets = new Uint8Array(n);
  for (const rule of score.eventRules) {
    const slot = rule.slot;
    const count = matches[slot] as number;
    if (!rule.frequency) {
      meets[slot] = count > 0 ? 1 : 0;
      continue;
    }
    next = Math.min(next, settleFrequency(rule, count, lastAtMs[slot] as number, o, value, meets, explained));
  }
  return { value, matches, meets, explained, nextChangeMs: next };
}

// With frequency: the points once, decayed by the age of the most recent matching event
// (no decay when the count is 0) — docs/scoring.md §Groups and limits (decided).
function settleFrequency(
  rule: CompiledEventRule,
  count: number,
  lastAtMs: number,
  o: TallyOptions,
  value: Float64Array,
  meets: Uint8Array,
  explained: ExplainedEvent[][] | undefined,
): number {
  const holds = rule.frequency?.(count) ?? false;
  meets[rule.slot] = holds ? 1 : 0;
  if (!holds) return Number.POSITIVE_INFINITY;
  if (count === 0) {
    value[rule.slot] = rule.points;
    return Number.POSITIVE_INFINITY;
  }
  const factor = decayFactor(rule.decay, o.nowMs - lastAtMs);
  value[rule.slot] = rule.points * factor;
  explained?.[rule.slot]?.push(
    explainEvent({ type: rule.event, atMs: lastAtMs, properties: {} }, rule.points, factor, o.contactId),
  );
  return rule.points === 0 ? Number.POSITIVE_INFINITY : nextDecayStepMs(rule.decay, lastAtMs, o.nowMs);
}

function explainEvent(
  event: ScoredEvent,
  points: number,
  factor: number,
  contactId?: string,
): ExplainedEvent {
  const explained: ExplainedEvent = {
    type: event.type,
    occurredAt: new Date(event.atMs).toISOString(),
    points,
    afterDecay: points * factor,
  };
  if (contactId !== undefined) explained.contact = contactId;
  return explained;
}
