import { fitLogistic, type LogisticFit } from "./fit-logistic.js";
import type { FeatureMatrix } from "./measure-features.js";
import { normalQuantile } from "./normal-quantile.js";
import { scoreTests } from "./score-tests.js";

/** The most rules a suggested draft holds (docs/scoring.md §Suggested scores). */
export const mostRules = 20;

export type Selection = {
  /** The kept columns and the model fitted on them (training records only). */
  columns: number[];
  fit: LogisticFit;
  /** Columns weighed and left out, with the reason in words. */
  dropped: Map<number, string>;
};

type Data = { matrix: FeatureMatrix; labels: readonly boolean[]; training: number[]; holdout: number[] };

/**
 * Which candidates become rules (docs/scoring.md §Suggested scores, "Model"): forward selection on the
 * training records — the candidate with the strongest score test joins while it is significant at 5 %
 * after a Bonferroni correction for the number of candidates (|z| ≥ bar), and a rule whose weight is no
 * longer significant once others joined leaves — up to 20 rules; then only the rules whose removal would
 * make the holdout's log-likelihood worse stay (they hold up on records the model never saw).
 */
export function selectFeatures(data: Data, candidates: readonly number[]): Selection {
  const dropped = new Map<number, string>();
  const bar = normalQuantile(1 - 0.025 / Math.max(1, candidates.length));
  const fitOn = (columns: number[]) => fitLogistic(data.matrix, data.training, data.labels, columns);
  let columns: number[] = [];
  let fit = fitOn(columns);
  let remaining = [...candidates];
  let z = scoreTests(data.matrix, data.training, data.labels, { columns, fit }, remaining);
  while (columns.length < mostRules && remaining.length > 0) {
    const best = z.reduce((top, value, j) => (value > (z[top] as number) ? j : top), 0);
    if ((z[best] as number) < bar) break;
    const joining = remaining[best] as number;
    columns.push(joining);
    remaining = remaining.filter((column) => column !== joining);
    fit = fitOn(columns);
    const weakest = columns
      .map((column, j) => ({ column, z: Math.abs(waldZ(fit, j)) }))
      .filter((entry) => entry.column !== joining)
      .sort((a, b) => a.z - b.z)[0];
    if (weakest !== undefined && weakest.z < bar) {
      dropped.set(
        weakest.column,
        `no longer significant once stronger rules joined (|z| = ${weakest.z.toFixed(2)}, below ${bar.toFixed(2)})`,
      );
      columns = columns.filter((column) => column !== weakest.column);
      fit = fitOn(columns);
    }
    z = scoreTests(data.matrix, data.training, data.labels, { columns, fit }, remaining);
  }
  remaining.forEach((column, j) => {
    const reason =
      (z[j] as number) >= bar
        ? `weaker than the ${mostRules} rules kept (|z| = ${(z[j] as number).toFixed(2)})`
        : `not significant on the training records given the rules kept (|z| = ${(z[j] as number).toFixed(2)}, below ${bar.toFixed(2)})`;
    dropped.set(column, reason);
  });
  const failing = columns.filter((_, j) => !holdsUp(data, columns, fit, j));
  if (failing.length === 0) return { columns, fit, dropped };
  for (const column of failing) {
    dropped.set(
      column,
      "did not hold up on the holdout (scoring without it fits the held-out records as well)",
    );
  }
  columns = columns.filter((column) => !failing.includes(column));
  return { columns, fit: fitOn(columns), dropped };
}

function waldZ(fit: LogisticFit, j: number): number {
  const se = fit.standardErrors[j] as number;
  return se > 0 ? (fit.weights[j] as number) / se : 0;
}

/** Whether the holdout's log-likelihood is better with column j's weight than with it set to 0. */
function holdsUp(data: Data, columns: number[], fit: LogisticFit, j: number): boolean {
  const local = new Map(columns.map((column, k) => [column, k]));
  let gain = 0;
  for (const row of data.holdout) {
    let eta = fit.intercept;
    let own = 0;
    for (let k = data.matrix.start[row] as number; k < (data.matrix.start[row + 1] as number); k++) {
      const at = local.get(data.matrix.column[k] as number);
      if (at === undefined) continue;
      const term = (fit.weights[at] as number) * (data.matrix.value[k] as number);
      eta += term;
      if (at === j) own = term;
    }
    if (own === 0) continue;
    gain +=
      logLikelihood(eta, data.labels[row] === true) - logLikelihood(eta - own, data.labels[row] === true);
  }
  return gain > 0;
}

function logLikelihood(eta: number, converted: boolean): number {
  const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
  return (converted ? eta : 0) - softplus;
}
