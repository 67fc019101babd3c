import { type LogisticFit, ridgePenalty, selectColumns, standardDeviations } from "./fit-logistic.js";
import type { FeatureMatrix } from "./measure-features.js";

/**
 * Rao's score test of adding each candidate column to a fitted model: |z| of the likelihood's slope in
 * the new weight, over its standard error given the columns already in. A column that repeats what the
 * model holds has no variance left and gets 0 (docs/scoring.md §Suggested scores, "Model").
 */
export function scoreTests(
  matrix: FeatureMatrix,
  rows: readonly number[],
  labels: readonly boolean[],
  model: { columns: readonly number[]; fit: LogisticFit },
  candidates: readonly number[],
): Float64Array {
  const m = model.columns.length + 1;
  const inModel = new Map(model.columns.map((column, s) => [column, s + 1]));
  const data = selectColumns(matrix, rows, candidates);
  const penalty = Array.from(
    standardDeviations(data, candidates.length, rows.length),
    (s) => ridgePenalty * s * s,
  );
  const slope = new Float64Array(candidates.length);
  const own = new Float64Array(candidates.length);
  const cross = new Float64Array(candidates.length * m);
  const modelIndex: number[] = [];
  const modelValue: number[] = [];
  rows.forEach((row, i) => {
    modelIndex.length = 0;
    modelValue.length = 0;
    modelIndex.push(0);
    modelValue.push(1);
    let eta = model.fit.intercept;
    for (let k = matrix.start[row] as number; k < (matrix.start[row + 1] as number); k++) {
      const s = inModel.get(matrix.column[k] as number);
      if (s === undefined) continue;
      modelIndex.push(s);
      modelValue.push(matrix.value[k] as number);
      eta += (model.fit.weights[s - 1] as number) * (matrix.value[k] as number);
    }
    const prob = 1 / (1 + Math.exp(-eta));
    const residual = (labels[row] ? 1 : 0) - prob;
    const w = prob * (1 - prob);
    const idx = data.index[i] as Int32Array;
    const val = data.value[i] as Float64Array;
    for (let a = 0; a < idx.length; a++) {
      const j = idx[a] as number;
      const x = val[a] as number;
      slope[j] = (slope[j] as number) + residual * x;
      own[j] = (own[j] as number) + w * x * x;
      for (let b = 0; b < modelIndex.length; b++) {
        const at = j * m + (modelIndex[b] as number);
        cross[at] = (cross[at] as number) + w * x * (modelValue[b] as number);
      }
    }
  });
  const covariance = model.fit.covariance;
  return slope.map((u, j) => {
    let explained = 0;
    for (let a = 0; a < m; a++) {
      const ca = cross[j * m + a] as number;
      if (ca === 0) continue;
      for (let b = 0; b < m; b++) explained += ca * covariance.get(a, b) * (cross[j * m + b] as number);
    }
    const information = (own[j] as number) + (penalty[j] as number);
    const left = information - explained;
    return left > 1e-9 * information ? Math.abs(u) / Math.sqrt(left) : 0;
  });
}
