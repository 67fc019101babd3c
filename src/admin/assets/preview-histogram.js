import { bandFill, frame, valueGrid, xTicks } from "./chart-parts.js";
import { thresholdBands, thresholdLines, valueTicks } from "./chart-scales.js";
import { s } from "./dom.js";
import { edgeTicks, histogramBars } from "./preview-figures.js";

// The histogram of "Preview distribution" (docs/decisions.md §Charts people read): records per score
// bucket with labelled axes, the threshold cut-offs as lines over shaded bands.

/** @typedef {import("./types.js").DistributionSummary} DistributionSummary */

// Drawn at about the side panel's width, so 11 px text stays 11 px on screen.
const SIZE = { width: 480, height: 250, margin: { top: 34, right: 14, bottom: 46, left: 44 } };

/**
 * @param {DistributionSummary} d
 * @param {import("./types.js").DraftDefinition} definition
 */
export function histogram(d, definition) {
  const { width: W, height: H, margin: m } = SIZE;
  const counts = valueTicks(0, Math.max(1, ...d.buckets.map((b) => b.count)));
  const { bars, xOf, countOf } = histogramBars(d.buckets, SIZE, counts.v1);
  const first = d.buckets[0];
  const last = d.buckets.at(-1);
  const lo = first?.from ?? 0;
  const hi = last?.to ?? 0;
  const right = W - m.right;
  const bottom = H - m.bottom;
  const lines = thresholdLines(definition).filter((l) => l.from > lo && l.from <= hi);
  const bands = thresholdBands(thresholdLines(definition), lo, hi).map((band, i) =>
    s("rect", {
      class: "band",
      x: xOf(band.lo),
      width: xOf(band.hi) - xOf(band.lo),
      y: m.top,
      height: bottom - m.top,
      fill: bandFill(band, i),
    }),
  );
  return s(
    "svg",
    {
      viewBox: `0 0 ${W} ${H}`,
      class: "chart histogram",
      role: "img",
      "aria-label": `Histogram of ${d.scored} scores from ${lo} to ${hi}`,
    },
    bands,
    valueGrid(SIZE, counts.ticks, countOf),
    bars.map((bar) => {
      const b = bar.bucket;
      return s(
        "g",
        {},
        s(
          "rect",
          { class: "bar", x: bar.x, y: bar.y, width: bar.width, height: bar.height },
          s("title", {}, `${b.from} to ${b.to}: ${b.count} records`),
        ),
        b.count > 0 && bars.length <= 24
          ? s(
              "text",
              { x: bar.centre, y: bar.y - 4, "text-anchor": "middle", class: "count" },
              String(b.count),
            )
          : null,
      );
    }),
    lines.map((line, i) =>
      s(
        "g",
        { class: "threshold" },
        s("line", {
          x1: xOf(line.from),
          x2: xOf(line.from),
          y1: m.top - 16 - (i % 2) * 12 + 12,
          y2: bottom,
          class: "threshold-line",
        }),
        s(
          "text",
          // Neighbouring cut-offs alternate height so their labels do not overlap; one near the right
          // edge is written leftwards from its line.
          {
            x: xOf(line.from) + (xOf(line.from) > right - 70 ? -4 : 4),
            y: m.top - 6 - (i % 2) * 13,
            "text-anchor": xOf(line.from) > right - 70 ? "end" : "start",
            class: "threshold-label",
          },
          `${line.label} ≥ ${line.from}`,
        ),
      ),
    ),
    frame(SIZE, "Score", "Records"),
    xTicks(
      SIZE,
      edgeTicks(d.buckets).map((edge) => ({ at: edge, label: String(edge) })),
      xOf,
    ),
  );
}
