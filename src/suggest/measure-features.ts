import { compileScore, evaluateRecord, parseDefinition } from "../scoring/index.js";
import type { Candidate } from "./candidate.js";
import type { LabelledRecord } from "./label-records.js";
import type { SuggestInput } from "./suggestion.js";

/** Feature values by record (rows) and candidate (columns), stored sparsely: most are 0. */
export type FeatureMatrix = {
  rows: number;
  columns: number;
  /** Row r's entries are at [start[r], start[r + 1]). */
  start: Int32Array;
  column: Int32Array;
  value: Float64Array;
};

export type ScoreShape = Pick<SuggestInput, "object" | "type"> & {
  naming: { id: string; name: string; propertyName: string };
};

/**
 * Each candidate's value for each record, computed by the engine itself (docs/scoring.md §Suggested
 * scores): every candidate becomes a rule worth 1 point of one probe score, evaluated at the record's
 * decision instant. A feature is therefore exactly what its rule will give (events after the instant,
 * before a reset of the draft's id, outside the timeframe do not count), and points × feature is the draft.
 */
export function measureFeatures(
  shape: ScoreShape,
  candidates: readonly Candidate[],
  records: readonly LabelledRecord[],
): FeatureMatrix {
  const start = new Int32Array(records.length + 1);
  const columns: number[] = [];
  const values: number[] = [];
  if (candidates.length === 0)
    return { rows: records.length, columns: 0, start, column: new Int32Array(), value: new Float64Array() };
  const score = compileScore(parseDefinition(buildProbe(shape, candidates)));
  records.forEach((record, row) => {
    const result = evaluateRecord(score, record.snapshot, record.atMs);
    const rules = result.groups[0]?.rules ?? [];
    for (const rule of rules) {
      if (rule.value === 0) continue;
      columns.push(rule.index);
      values.push(rule.value);
    }
    start[row + 1] = columns.length;
  });
  return {
    rows: records.length,
    columns: candidates.length,
    start,
    column: Int32Array.from(columns),
    value: Float64Array.from(values),
  };
}

function buildProbe(shape: ScoreShape, candidates: readonly Candidate[]) {
  const kind = shape.type === "fit" ? "fit" : "engagement";
  return {
    id: shape.naming.id,
    name: shape.naming.name,
    object: shape.object,
    type: shape.type,
    limits: {},
    property: { name: shape.naming.propertyName },
    groups: [{ name: "Candidates", kind, rules: candidates.map((c) => ({ ...c.rule, points: 1 })) }],
  };
}
