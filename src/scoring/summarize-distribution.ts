import type { ScoreDefinition } from "./definition-schema.js";
import type { ScoreResult } from "./result.js";
import { thresholdOptionValues } from "./thresholds.js";

// "Preview distribution" (docs/scoring.md §Lifecycle, §Offline CLI): the figures `lead-score preview`
// prints and the admin page shows. Pure, fed one result at a time so a caller can stream records.

export type HistogramBucket = {
  /** Inclusive lower bound. */
  from: number;
  /** Exclusive upper bound, except for the last bucket, which also holds scores equal to it. */
  to: number;
  count: number;
};

export type DistributionSummary = {
  scored: number;
  outOfScope: number;
  bucketWidth: number | null;
  buckets: HistogramBucket[];
  /** Every threshold option value in thresholdOptionValues order (empty when the score has none). */
  thresholds: { value: string; count: number }[];
  min: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
};

export type DistributionAccumulator = {
  add(result: ScoreResult): void;
  summary(): DistributionSummary;
};

type ScoreShape = Pick<ScoreDefinition, "type" | "thresholds" | "limits">;

/** An accumulator of results for one score; `summary()` may be called at any point. */
export function summarizeDistribution(score: ScoreShape): DistributionAccumulator {
  // Without thresholds every result's threshold is null: listing high/medium/low at 0 would mislead.
  const thresholdCounts = new Map<string, number>(
    score.thresholds ? thresholdOptionValues(score.type, score.thresholds).map((v) => [v, 0]) : [],
  );
  // Every rounded score is kept: exact percentiles need them all (8 bytes each; 8 MB per million).
  let scores = new Float64Array(1024);
  let scored = 0;
  let outOfScope = 0;

  return {
    add(result) {
      if (result.score === null) {
        outOfScope += 1;
        return;
      }
      if (scored === scores.length) {
        const grown = new Float64Array(scores.length * 2);
        grown.set(scores);
        scores = grown;
      }
      scores[scored++] = result.score;
      if (result.threshold !== null)
        thresholdCounts.set(result.threshold, (thresholdCounts.get(result.threshold) ?? 0) + 1);
    },
    summary() {
      const sorted = scores.slice(0, scored).sort();
      const { bucketWidth, buckets } = buildHistogram(sorted, score.limits);
      return {
        scored,
        outOfScope,
        bucketWidth,
        buckets,
        thresholds: [...thresholdCounts].map(([value, count]) => ({ value, count })),
        min: scored > 0 ? (sorted[0] as number) : null,
        median: nearestRank(sorted, 50),
        p90: nearestRank(sorted, 90),
        max: scored > 0 ? (sorted[scored - 1] as number) : null,
      };
    },
  };
}

/**
 * Nearest-rank percentile: the smallest score such that at least p % of the scores are ≤ it, i.e.
 * the value at 1-based rank ⌈p/100 × n⌉ of the sorted scores. It is always one of the scores (no
 * interpolation), so the median of an even count is the lower of the two middle scores.
 */
export function nearestRank(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

const maxBuckets = 20;

/**
 * Buckets of a "nice" width (1, 2 or 5 × 10^k, at least 0.01: scores have 2 decimals) spanning the
 * score's limits when they are finite, else the scores seen (and 0, so a histogram of positive
 * scores starts at 0): the narrowest such width giving at most 20 buckets.
 * Bounds are computed in integer hundredths so that 0.3 lands in [0.3, 0.4), not [0.2, 0.3).
 */
export function buildHistogram(
  sorted: Float64Array,
  limits: { min?: number | undefined; max?: number | undefined },
): { bucketWidth: number | null; buckets: HistogramBucket[] } {
  if (sorted.length === 0) return { bucketWidth: null, buckets: [] };
  const cents = (v: number) => Math.round(v * 100);
  const low = cents(Number.isFinite(limits.min) ? (limits.min as number) : Math.min(0, sorted[0] as number));
  const high = cents(
    Number.isFinite(limits.max) ? (limits.max as number) : Math.max(0, sorted[sorted.length - 1] as number),
  );
  const { width, start, count } = niceBuckets(low, high);
  const buckets = Array.from({ length: count }, (_, i) => ({
    from: (start + i * width) / 100,
    to: (start + (i + 1) * width) / 100,
    count: 0,
  }));
  for (const score of sorted) {
    const index = Math.min(count - 1, Math.max(0, Math.floor((cents(score) - start) / width)));
    (buckets[index] as HistogramBucket).count += 1;
  }
  return { bucketWidth: width / 100, buckets };
}

// Bucket bounds are multiples of the width, so the first one may start below `low`: count with it.
function niceBuckets(low: number, high: number): { width: number; start: number; count: number } {
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const step of [1, 2, 5]) {
      const width = step * magnitude;
      const start = Math.floor(low / width) * width;
      const count = Math.max(1, Math.ceil((high - start) / width));
      if (count <= maxBuckets) return { width, start, count };
    }
  }
}
