import { CholeskyDecomposition, Matrix } from "ml-matrix";
import type { FeatureMatrix } from "./measure-features.js";

/** The L2 penalty on standardised weights (docs/decisions.md §Model of suggested scores). */
export const ridgePenalty = 1;
const maxIterations = 50;
const tolerance = 1e-8;

export type LogisticFit = {
  intercept: number;
  /** Per chosen column, on the feature's own scale: points are proportional to these. */
  weights: Float64Array;
  /** Per chosen column, the weight's standard error (from the penalised information matrix). */
  standardErrors: Float64Array;
  /** Per chosen column, the weight on standardised features (weight × standard deviation). */
  standardised: Float64Array;
  /** The inverse penalised information matrix, intercept first: the score tests of new columns need it. */
  covariance: Matrix;
  /** Per chosen column, the penalty λ · sd² on its weight. */
  penalty: number[];
};

export type Rows = { index: Int32Array[]; value: Float64Array[] };

/**
 * Ridge-penalised logistic regression by Newton's method (IRLS): an exact, deterministic maximum of the
 * penalised likelihood. The penalty is on standardised features (λ · (sd_j · w_j)², intercept free),
 * which equals fitting standardised features without building them: the matrix stays sparse. ml-matrix
 * solves each Newton step and inverts the information matrix for the standard errors.
 */
export function fitLogistic(
  matrix: FeatureMatrix,
  rows: readonly number[],
  labels: readonly boolean[],
  columns: readonly number[],
): LogisticFit {
  const p = columns.length;
  const data = selectColumns(matrix, rows, columns);
  const y = rows.map((r) => (labels[r] ? 1 : 0));
  const sd = standardDeviations(data, p, rows.length);
  const penalty = Array.from(sd, (s) => ridgePenalty * s * s);
  const base = y.reduce((a: number, b) => a + b, 0) / y.length;
  let beta = new Float64Array(p + 1);
  beta[0] = Math.log(base / (1 - base));
  let objective = penalisedLikelihood(beta, data, y, penalty);
  let information = new Matrix(p + 1, p + 1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const { gradient, hessian } = newtonTerms(beta, data, y, penalty);
    information = hessian;
    const step = new CholeskyDecomposition(hessian).solve(Matrix.columnVector(Array.from(gradient)));
    let scale = 1;
    let next = beta;
    let nextObjective = objective;
    // Step halving keeps every step an improvement (separable features can overshoot).
    for (let halving = 0; halving < 30; halving++) {
      next = beta.map((b, j) => b + scale * step.get(j, 0));
      nextObjective = penalisedLikelihood(next, data, y, penalty);
      if (nextObjective >= objective - 1e-12) break;
      scale /= 2;
    }
    const change = Math.max(...next.map((b, j) => Math.abs(b - (beta[j] as number))));
    beta = next;
    objective = nextObjective;
    if (change < tolerance) break;
  }
  const covariance = new CholeskyDecomposition(information).solve(Matrix.eye(p + 1));
  const weights = beta.slice(1);
  return {
    intercept: beta[0] as number,
    weights,
    standardErrors: weights.map((_, j) => Math.sqrt(Math.max(0, covariance.get(j + 1, j + 1)))),
    standardised: weights.map((w, j) => w * (sd[j] as number)),
    covariance,
    penalty,
  };
}

export function selectColumns(
  matrix: FeatureMatrix,
  rows: readonly number[],
  columns: readonly number[],
): Rows {
  const local = new Int32Array(matrix.columns).fill(-1);
  columns.forEach((c, j) => {
    local[c] = j;
  });
  const index: Int32Array[] = [];
  const value: Float64Array[] = [];
  for (const r of rows) {
    const idx: number[] = [];
    const val: number[] = [];
    for (let k = matrix.start[r] as number; k < (matrix.start[r + 1] as number); k++) {
      const j = local[matrix.column[k] as number] as number;
      if (j < 0) continue;
      idx.push(j);
      val.push(matrix.value[k] as number);
    }
    index.push(Int32Array.from(idx));
    value.push(Float64Array.from(val));
  }
  return { index, value };
}

export function standardDeviations(data: Rows, p: number, n: number): Float64Array {
  const sum = new Float64Array(p);
  const squares = new Float64Array(p);
  data.index.forEach((idx, i) => {
    const val = data.value[i] as Float64Array;
    idx.forEach((j, k) => {
      sum[j] = (sum[j] as number) + (val[k] as number);
      squares[j] = (squares[j] as number) + (val[k] as number) ** 2;
    });
  });
  return sum.map((s, j) => Math.sqrt(Math.max(1e-12, (squares[j] as number) / n - (s / n) ** 2)));
}

function linear(beta: Float64Array, idx: Int32Array, val: Float64Array): number {
  let eta = beta[0] as number;
  for (let k = 0; k < idx.length; k++) eta += (beta[(idx[k] as number) + 1] as number) * (val[k] as number);
  return eta;
}

function penalisedLikelihood(beta: Float64Array, data: Rows, y: number[], penalty: number[]): number {
  let total = 0;
  data.index.forEach((idx, i) => {
    const eta = linear(beta, idx, data.value[i] as Float64Array);
    // log(1 + e^η) without overflow.
    const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    total += (y[i] as number) * eta - softplus;
  });
  penalty.forEach((lambda, j) => {
    total -= (lambda / 2) * (beta[j + 1] as number) ** 2;
  });
  return total;
}

function newtonTerms(beta: Float64Array, data: Rows, y: number[], penalty: number[]) {
  const size = beta.length;
  const gradient = new Float64Array(size);
  const h = new Float64Array(size * size);
  data.index.forEach((idx, i) => {
    const val = data.value[i] as Float64Array;
    const prob = 1 / (1 + Math.exp(-linear(beta, idx, val)));
    const residual = (y[i] as number) - prob;
    const w = Math.max(prob * (1 - prob), 1e-10);
    gradient[0] = (gradient[0] as number) + residual;
    h[0] = (h[0] as number) + w;
    for (let a = 0; a < idx.length; a++) {
      const ja = (idx[a] as number) + 1;
      const xa = val[a] as number;
      gradient[ja] = (gradient[ja] as number) + residual * xa;
      h[ja] = (h[ja] as number) + w * xa;
      for (let b = 0; b < idx.length; b++) {
        const jb = (idx[b] as number) + 1;
        h[ja * size + jb] = (h[ja * size + jb] as number) + w * xa * (val[b] as number);
      }
    }
  });
  penalty.forEach((lambda, j) => {
    gradient[j + 1] = (gradient[j + 1] as number) - lambda * (beta[j + 1] as number);
    h[(j + 1) * size + (j + 1)] = (h[(j + 1) * size + (j + 1)] as number) + lambda;
  });
  for (let j = 1; j < size; j++) h[j * size] = h[j] as number;
  const hessian = new Matrix(size, size);
  for (let a = 0; a < size; a++) for (let b = 0; b < size; b++) hessian.set(a, b, h[a * size + b] as number);
  return { gradient, hessian };
}
