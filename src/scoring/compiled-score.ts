import type { CompiledCondition } from "./compile-condition.js";
import type { ScoredEvent } from "./parse-snapshot.js";
import type { ObjectType } from "./snapshot-schema.js";

// The compiled form of a definition: everything parsed once, nothing interpreted per event.

/** Decay of an engagement group: docs/scoring.md §Decay, stepwise per whole interval. */
export type CompiledDecay = { intervalMs: number; percent: number };

export type CompiledEventRule = {
  kind: "event";
  index: number;
  /** Position among all event rules of the score: the tally's array index. */
  slot: number;
  event: string;
  where(event: ScoredEvent): boolean;
  pointsOf(event: ScoredEvent): number;
  /** The parts of the timeframe that do not move with `now` (before / after / between). */
  inFixedWindow(atMs: number): boolean;
  /** `within`: events older than now − withinMs do not count. */
  withinMs: number | undefined;
  frequency: ((count: number) => boolean) | undefined;
  points: number;
  cap: number | undefined;
  decay: CompiledDecay | undefined;
};

export type CompiledFitRule = {
  kind: "fit";
  index: number;
  of: "self" | { association: ObjectType; labels: ReadonlySet<string> | undefined };
  condition: CompiledCondition;
  points: number | undefined;
  pointsByValue: Record<string, number> | undefined;
};

export type CompiledGroup = {
  name: string;
  kind: "engagement" | "fit";
  limit: number | undefined;
  rules: (CompiledEventRule | CompiledFitRule)[];
};

export type ContactFilter = {
  labels: ReadonlySet<string> | undefined;
  where: CompiledCondition[];
  aggregation: "sum" | "avg" | "min" | "max";
};

export type CompiledScore = {
  id: string;
  object: ObjectType;
  type: "engagement" | "fit" | "combined";
  groups: CompiledGroup[];
  eventRules: CompiledEventRule[];
  eventRulesByType: ReadonlyMap<string, CompiledEventRule[]>;
  /** Companies and deals: which associated contacts count and how their points combine. */
  contacts: ContactFilter;
  limits: { min: number; max: number };
  inScope(lists: readonly string[]): boolean;
  /** The threshold of rounded values (docs/scoring.md §Thresholds). */
  threshold(score: number, engagement: number, fit: number): string | null;
};

/** The factor an event's points keep after `ageMs` (1 without decay). */
export function decayFactor(decay: CompiledDecay | undefined, ageMs: number): number {
  if (!decay) return 1;
  const steps = Math.floor(ageMs / decay.intervalMs);
  return Math.max(0, (100 - steps * decay.percent) / 100);
}

/** The instant of the next decay step of an event, or Infinity when its points reached 0. */
export function nextDecayStepMs(decay: CompiledDecay | undefined, atMs: number, nowMs: number): number {
  if (!decay || decayFactor(decay, nowMs - atMs) === 0) return Number.POSITIVE_INFINITY;
  const steps = Math.floor((nowMs - atMs) / decay.intervalMs);
  return atMs + (steps + 1) * decay.intervalMs;
}
