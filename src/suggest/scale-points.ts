import type { FeatureMatrix } from "./measure-features.js";

/** The score's limits in a suggested draft: the best labelled record reaches 100, the worst no less than −100. */
export const scoreLimits = { max: 100, min: -100 } as const;

/**
 * Points from weights (docs/scoring.md §Suggested scores, "Points"): one factor for all rules, so the
 * draft's score is the model's log-odds (less its intercept) on a 100-point scale. The factor puts the
 * labelled record with the most positive evidence at 100 (or the one with the most negative at −100,
 * whichever is further); points are whole numbers.
 */
export function scalePoints(
  matrix: FeatureMatrix,
  rows: readonly number[],
  columns: readonly number[],
  weights: ArrayLike<number>,
): number[] {
  const local = new Map(columns.map((column, j) => [column, j]));
  let mostPositive = 0;
  let mostNegative = 0;
  for (const row of rows) {
    let positive = 0;
    let negative = 0;
    for (let k = matrix.start[row] as number; k < (matrix.start[row + 1] as number); k++) {
      const j = local.get(matrix.column[k] as number);
      if (j === undefined) continue;
      const term = (weights[j] as number) * (matrix.value[k] as number);
      if (term > 0) positive += term;
      else negative -= term;
    }
    mostPositive = Math.max(mostPositive, positive);
    mostNegative = Math.max(mostNegative, negative);
  }
  const span = Math.max(mostPositive, mostNegative);
  if (span === 0) return columns.map(() => 0);
  return columns.map((_, j) => Math.round(((weights[j] as number) * scoreLimits.max) / span) || 0);
}
