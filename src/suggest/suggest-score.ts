import {
  compileScore,
  evaluateRecord,
  parseDefinition,
  type ScoreDefinition,
  thresholdOptionValues,
} from "../scoring/index.js";
import { buildDraft, type DraftRule, defaultNaming } from "./build-draft.js";
import { buildEvidence } from "./build-evidence.js";
import { type Candidate, minimumSupport } from "./candidate.js";
import { chooseThresholds } from "./choose-thresholds.js";
import { buildEngagementCandidates } from "./engagement-candidates.js";
import { buildFitCandidates } from "./fit-candidates.js";
import { type LabelledRecord, labelRecords } from "./label-records.js";
import { measureFeatures, type ScoreShape } from "./measure-features.js";
import { scalePoints } from "./scale-points.js";
import { selectFeatures } from "./select-features.js";
import { splitHoldout } from "./split-holdout.js";
import type { SuggestInput, SuggestResult } from "./suggestion.js";

/** The fewest labels a suggestion is made from (docs/scoring.md §Suggested scores, "Enough labels"). */
export const minimumLabels = { labelled: 50, perClass: 25 } as const;

export type LabelTally = { labelled: number; converted: number; notConverted: number };

/** Whether a suggestion may be made from these labels (docs/scoring.md §Suggested scores, "Enough labels"). */
export const hasEnoughLabels = (counts: LabelTally): boolean =>
  counts.labelled >= minimumLabels.labelled &&
  counts.converted >= minimumLabels.perClass &&
  counts.notConverted >= minimumLabels.perClass;

/**
 * A draft score with its evidence from labelled records (docs/scoring.md §Suggested scores): features
 * that are rules, a ridge logistic model on the training 70 %, points from its weights, thresholds and
 * metrics from the engine's scores of the held-out 30 %. Pure and deterministic for a given seed.
 */
export function suggestScore(input: SuggestInput): SuggestResult {
  const { labelled, leftOut } = labelRecords(input);
  const converted = labelled.filter((r) => r.converted).length;
  const counts = { labelled: labelled.length, converted, notConverted: labelled.length - converted };
  if (!hasEnoughLabels(counts)) {
    return {
      ok: false,
      counts,
      message:
        `too few labelled records: ${counts.labelled} labelled (${counts.converted} converted, ` +
        `${counts.notConverted} not); a suggestion needs at least ${minimumLabels.labelled}, ` +
        `with at least ${minimumLabels.perClass} of each`,
    };
  }
  const shape: ScoreShape = {
    object: input.object,
    type: input.type,
    naming: input.naming ?? defaultNaming(input.object, input.type),
  };
  const labels = labelled.map((r) => r.converted);
  const { training, holdout } = splitHoldout(labels, input.seed);
  const trainingRecords = training.map((i) => labelled[i] as LabelledRecord);
  const candidates =
    input.type === "fit"
      ? buildFitCandidates(trainingRecords, input.object, input)
      : buildEngagementCandidates(shape, trainingRecords);
  const matrix = measureFeatures(shape, candidates, labelled);
  const usable = usableColumns(matrix, training);
  const selection = selectFeatures({ matrix, labels, training, holdout }, usable);
  const points = scalePoints(matrix, training, selection.columns, selection.fit.weights);
  const rules: DraftRule[] = [];
  selection.columns.forEach((column, j) => {
    const candidate = candidates[column] as Candidate;
    if (points[j] === 0) selection.dropped.set(column, "under half a point once weights are scaled to 100");
    else
      rules.push({
        candidate,
        points: points[j] as number,
        coefficient: selection.fit.standardised[j] as number,
      });
  });
  if (rules.length === 0) {
    return {
      ok: false,
      counts,
      message: `none of the ${usable.length} features weighed predicts conversion on these ${counts.labelled} labelled records`,
    };
  }

  const atInstants = (definition: ScoreDefinition) => {
    const score = compileScore(definition);
    return labelled.map((r) => evaluateRecord(score, r.snapshot, r.atMs));
  };
  const unranked = atInstants(parseDefinition(buildDraft(shape, rules).definition));
  const thresholds = chooseThresholds(
    holdout.map((i) => unranked[i]?.score ?? 0),
    holdout.map((i) => labels[i] === true),
  );
  const draft = buildDraft(shape, rules, thresholds);
  const definition = parseDefinition(draft.definition);
  const evidence = buildEvidence({
    labelled,
    holdout,
    training: training.length,
    leftOut,
    seed: input.seed,
    results: atInstants(definition),
    placed: draft.placed,
    tiers: thresholdOptionValues(input.type, definition.thresholds),
    dropped: [...selection.dropped.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([column, reason]) => ({ feature: (candidates[column] as Candidate).feature, reason })),
  });
  return { ok: true, definition, evidence };
}

/**
 * Columns that vary enough on the training records to be weighed at all, each once: a column equal to an
 * earlier one on every training record (the primary company's industry and any company's, for contacts with
 * one company) is its twin and is not weighed (docs/scoring.md §Suggested scores, "Features").
 */
function usableColumns(matrix: ReturnType<typeof measureFeatures>, training: readonly number[]): number[] {
  const support = minimumSupport(training.length);
  const entries: string[][] = Array.from({ length: matrix.columns }, () => []);
  for (const row of training) {
    for (let k = matrix.start[row] as number; k < (matrix.start[row + 1] as number); k++) {
      entries[matrix.column[k] as number]?.push(`${row}:${matrix.value[k]}`);
    }
  }
  const seen = new Set<string>();
  return [...entries.keys()].filter((c) => {
    const column = entries[c] as string[];
    const count = column.length;
    if (count < support || count > training.length - support) return false;
    const key = column.join(",");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
