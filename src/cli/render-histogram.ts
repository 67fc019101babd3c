import type { DistributionSummary } from "../scoring/summarize-distribution.js";

const barWidth = 40;

/**
 * The preview as terminal text (docs/scoring.md §Offline CLI): a histogram, then `high: 1234` per threshold,
 * then min/median/p90/max. Bars are scaled to the fullest bucket; a non-empty bucket always shows.
 */
export function renderHistogram(summary: DistributionSummary): string[] {
  const lines = [`scored: ${summary.scored}`, `out of scope: ${summary.outOfScope}`];
  if (summary.buckets.length > 0) {
    const last = summary.buckets.length - 1;
    const fromWidth = Math.max(...summary.buckets.map((b) => String(b.from).length));
    const toWidth = Math.max(...summary.buckets.map((b) => String(b.to).length));
    // [from, to) per bucket; the last one is closed: it holds the scores equal to its bound.
    const ranges = summary.buckets.map(
      (b, i) =>
        `[${String(b.from).padStart(fromWidth)}, ${String(b.to).padStart(toWidth)}${i === last ? "]" : ")"}`,
    );
    const fullest = Math.max(...summary.buckets.map((b) => b.count));
    const countWidth = String(fullest).length;
    lines.push("");
    summary.buckets.forEach((bucket, i) => {
      const length = bucket.count === 0 ? 0 : Math.max(1, Math.round((bucket.count / fullest) * barWidth));
      lines.push(`${ranges[i]} ${String(bucket.count).padStart(countWidth)} ${"█".repeat(length)}`.trimEnd());
    });
    lines.push("");
  }
  for (const { value, count } of summary.thresholds) lines.push(`${value}: ${count}`);
  const figure = (value: number | null) => (value === null ? "-" : String(value));
  lines.push(
    `min: ${figure(summary.min)}`,
    `median: ${figure(summary.median)}`,
    `p90: ${figure(summary.p90)}`,
    `max: ${figure(summary.max)}`,
  );
  return lines;
}
