// The figures of "Preview distribution" (docs/scoring.md §Lifecycle, §Thresholds): the bars of the
// histogram, and the colour of each custom tier in the counts per threshold.

/** @typedef {import("./types.js").DistributionSummary["buckets"][number]} HistogramBucket */

/**
 * A tier's option value, as the threshold property holds it: its label lower-cased, every character
 * other than a-z and 0-9 made "_" (docs/scoring.md §Properties; the engine's tierOptionValue).
 * @param {string} label
 */
export const tierOptionValue = (label) => label.toLowerCase().replace(/[^a-z0-9]/g, "_");

/**
 * The colour of the custom tier whose option value is `value`, lower-cased for CSS; none for
 * levels, letters, or a tier without a colour.
 * @param {import("./types.js").DraftDefinition} definition
 * @param {string} value
 */
export function tierColour(definition, value) {
  const tier = definition.thresholds?.tiers?.find((t) => tierOptionValue(t.label) === value);
  return tier?.color?.toLowerCase();
}

/**
 * One bar per bucket, side by side across the plot, as tall as its count against the top of the
 * count axis (`maxCount`, the largest count by default; a 1 px sliver at least in width, so a bucket
 * stays visible among many). `xOf(score)` places a score on the same axis, for threshold lines.
 * @param {readonly HistogramBucket[]} buckets
 * @param {import("./chart-scales.js").ChartSize} size
 * @param {number} [maxCount]
 */
export function histogramBars(buckets, { width, height, margin }, maxCount) {
  const top = Math.max(1, maxCount ?? Math.max(...buckets.map((b) => b.count)));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const bottom = height - margin.bottom;
  const slot = plotWidth / Math.max(1, buckets.length);
  const lo = buckets[0]?.from ?? 0;
  const hi = Math.max(buckets.at(-1)?.to ?? 1, lo + Number.EPSILON);
  const xOf = (/** @type {number} */ score) => margin.left + (plotWidth * (score - lo)) / (hi - lo);
  const bars = buckets.map((bucket, i) => {
    const barHeight = (plotHeight * bucket.count) / top;
    return {
      bucket,
      x: margin.left + i * slot + 1,
      y: bottom - barHeight,
      width: Math.max(1, slot - 2),
      height: barHeight,
      centre: margin.left + i * slot + slot / 2,
    };
  });
  return { bars, xOf, countOf: (/** @type {number} */ count) => bottom - (plotHeight * count) / top };
}

/**
 * Which bucket edges to label so that at most `count` labels fit: every k-th edge, the last always.
 * @param {readonly HistogramBucket[]} buckets
 * @param {number} [count]
 */
export function edgeTicks(buckets, count = 10) {
  const edges = [
    ...buckets.map((b) => b.from),
    ...(buckets.length ? [/** @type {HistogramBucket} */ (buckets.at(-1)).to] : []),
  ];
  const every = Math.max(1, Math.ceil((edges.length - 1) / count));
  return edges.filter((_, i) => i % every === 0 || i === edges.length - 1);
}

const LEVELS = /** @type {const} */ (["high", "medium", "low"]);
const FIT_ROWS = /** @type {const} */ (["A", "B", "C"]);
const ENGAGEMENT_COLUMNS = /** @type {const} */ (["1", "2", "3"]);

/**
 * A combined score's letters as a 3×3 grid (docs/scoring.md §Thresholds): fit A, B, C down, engagement
 * 1, 2, 3 across, each cell with its count and its share of the records counted.
 * @param {readonly {value: string, count: number}[]} thresholds the preview's counts per threshold
 */
export function combinedGrid(thresholds) {
  const counts = new Map(thresholds.map((t) => [t.value, t.count]));
  const total = thresholds.reduce((sum, t) => sum + t.count, 0);
  const max = Math.max(1, ...thresholds.map((t) => t.count));
  return {
    columns: ENGAGEMENT_COLUMNS.map((digit, i) => ({
      digit,
      level: LEVELS[i],
      label: `Engagement ${LEVELS[i]}`,
    })),
    rows: FIT_ROWS.map((letter, i) => ({
      letter,
      level: LEVELS[i],
      label: `Fit ${LEVELS[i]}`,
      cells: ENGAGEMENT_COLUMNS.map((digit) => {
        const count = counts.get(`${letter}${digit}`) ?? 0;
        return {
          value: `${letter}${digit}`,
          count,
          share: total === 0 ? 0 : count / total,
          /** 0 to 1: how strongly the cell is shaded, against the fullest cell. */
          weight: count / max,
        };
      }),
    })),
  };
}
