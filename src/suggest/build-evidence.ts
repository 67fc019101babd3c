import type { ScoreResult } from "../scoring/index.js";
import type { PlacedRule } from "./build-draft.js";
import type { LabelledRecord } from "./label-records.js";
import { areaUnderCurve, conversionOf, liftByDecile } from "./rank-metrics.js";
import type { SuggestionEvidence } from "./suggestion.js";

export type EvidenceInput = {
  labelled: readonly LabelledRecord[];
  holdout: readonly number[];
  training: number;
  leftOut: Record<string, number>;
  seed: number;
  /** The final draft evaluated by the engine for every labelled record at its decision instant. */
  results: readonly ScoreResult[];
  placed: readonly PlacedRule[];
  dropped: SuggestionEvidence["dropped"];
  /** The draft's threshold values, best first (high, medium, low; or high, low). */
  tiers: readonly string[];
};

/**
 * The suggestion's evidence (docs/scoring.md §Suggested scores, "Evidence"): AUC, tiers and lift of the
 * draft as the engine scores the holdout, and per rule the labelled records with and without it.
 */
export function buildEvidence(input: EvidenceInput): SuggestionEvidence {
  const { labelled, results, holdout } = input;
  const labels = labelled.map((r) => r.converted);
  const scoreOf = (i: number) => (results[i] as ScoreResult).score ?? 0;
  const holdoutScores = holdout.map(scoreOf);
  const holdoutLabels = holdout.map((i) => labels[i] === true);
  const instants = labelled.map((r) => r.atMs);
  const converted = labels.filter(Boolean).length;
  const rules = input.placed.map((placed) => {
    const has = results.map((result) => (result.groups[placed.group]?.rules[placed.rule]?.value ?? 0) !== 0);
    return {
      group: placed.group,
      rule: placed.rule,
      feature: placed.candidate.feature,
      points: placed.points,
      coefficient: placed.coefficient,
      withFeature: conversionOf(labels.filter((_, i) => has[i])),
      withoutFeature: conversionOf(labels.filter((_, i) => !has[i])),
    };
  });
  const tiers = input.tiers.map((tier) => {
    const members = holdout.filter((i) => (results[i] as ScoreResult).threshold === tier);
    return { tier, ...conversionOf(members.map((i) => labels[i] === true)) };
  });
  return {
    metrics: {
      auc: areaUnderCurve(holdoutScores, holdoutLabels),
      labelled: labelled.length,
      converted,
      notConverted: labelled.length - converted,
      training: input.training,
      holdout: holdout.length,
      leftOut: input.leftOut,
      // A reduce, not Math.min(...instants): a spread of a million arguments overflows the stack.
      from: new Date(instants.reduce((a, b) => Math.min(a, b))).toISOString(),
      until: new Date(instants.reduce((a, b) => Math.max(a, b))).toISOString(),
      seed: input.seed,
    },
    rules,
    tiers,
    lift: liftByDecile(holdoutScores, holdoutLabels),
    dropped: input.dropped,
  };
}
