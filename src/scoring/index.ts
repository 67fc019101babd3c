// The engine's public surface (docs/scoring.md): parse, compile once, evaluate many.

export { tierOptionValue } from "./check-definition.js";
export { compileScore, timeframeUnitMs } from "./compile-score.js";
export type { CompiledScore } from "./compiled-score.js";
export type { ScoreDefinition, ScoreDefinitionInput } from "./definition-schema.js";
export { type EvaluateOptions, evaluateRecord } from "./evaluate-record.js";
export { findPortalConflicts } from "./find-portal-conflicts.js";
export type { FieldProblem } from "./format-issues.js";
export { DefinitionError, findDefinitionProblems, parseDefinition } from "./parse-definition.js";
export { parseInstant } from "./parse-instant.js";
export { parseSnapshot, type RecordSnapshot, SnapshotError } from "./parse-snapshot.js";
export type { ExplainedEvent, GroupResult, RuleResult, ScoreResult } from "./result.js";
export { round2 } from "./round.js";
export { scorePropertyNames } from "./score-property-names.js";
export type { ObjectType, SnapshotInput } from "./snapshot-schema.js";
export {
  type DistributionAccumulator,
  type DistributionSummary,
  summarizeDistribution,
} from "./summarize-distribution.js";
export { thresholdOptionValues } from "./thresholds.js";
