// Suggested scores' public surface (docs/scoring.md §Suggested scores): labelled records in, a draft with its evidence out.

export { defaultNaming } from "./build-draft.js";
export { parseOutcome } from "./parse-outcome.js";
export { hasEnoughLabels, type LabelTally, minimumLabels, suggestScore } from "./suggest-score.js";
export type {
  Conversion,
  Outcome,
  PropertyKind,
  RuleEvidence,
  SuggestInput,
  SuggestionEvidence,
  SuggestResult,
  SuggestType,
} from "./suggestion.js";
