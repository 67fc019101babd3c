import type { Conversion } from "./suggestion.js";

// How well a score ranks converters (docs/scoring.md §Suggested scores, "Evidence").

export function conversionOf(labels: readonly boolean[]): Conversion {
  const converted = labels.filter(Boolean).length;
  return { records: labels.length, converted, rate: labels.length === 0 ? null : converted / labels.length };
}

/** Area under the ROC curve: the chance a converter outscores a non-converter, ties counting half. */
export function areaUnderCurve(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number]) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Conversion per tenth of the records by score, decile 1 the top; equal scores keep their input order. */
export function liftByDecile(
  scores: readonly number[],
  labels: readonly boolean[],
): (Conversion & { decile: number })[] {
  const order = scores
    .map((_, i) => i)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return Array.from({ length: 10 }, (_, d) => {
    const slice = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    return { decile: d + 1, ...conversionOf(slice.map((i) => labels[i] === true)) };
  });
}
