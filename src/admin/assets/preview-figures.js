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
 * One bar per bucket, side by side across the plot, as tall as its count against the largest
 * (a 1 px sliver at least in width, so a bucket stays visible among many).
 * @param {readonly HistogramBucket[]} buckets
 * @param {{width: number, height: number, pad: number}} size
 */
export function histogramBars(buckets, { width, height, pad }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const slot = (width - pad * 2) / Math.max(1, buckets.length);
  return buckets.map((bucket, i) => {
    const barHeight = ((height - pad * 2) * bucket.count) / max;
    return {
      bucket,
      x: pad + i * slot + 1,
      y: height - pad - barHeight,
      width: Math.max(1, slot - 2),
      height: barHeight,
      centre: pad + i * slot + slot / 2,
    };
  });
}
