import { warningLines } from "./builder-sources.js";
import { fill, h, s } from "./dom.js";
import { histogramBars, tierColour } from "./preview-figures.js";

// "Preview distribution": a histogram, counts per threshold, and for an edit of an enabled score the
// impact on the records' thresholds (the admin API's preview response).

/** @typedef {import("./types.js").DistributionSummary} DistributionSummary */
/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {NonNullable<import("./types.js").PreviewResponse["impact"]>} PreviewImpact */

const W = 560;
const H = 180;
const PAD = 28;

/** @param {DistributionSummary} d */
function histogram(d) {
  const bars = histogramBars(d.buckets, { width: W, height: H, pad: PAD }).map((bar) => {
    const b = bar.bucket;
    return s(
      "g",
      {},
      s(
        "rect",
        { class: "bar", x: bar.x, y: bar.y, width: bar.width, height: bar.height },
        s("title", {}, `${b.from} to ${b.to}: ${b.count}`),
      ),
      b.count > 0
        ? s("text", { x: bar.centre, y: bar.y - 4, "text-anchor": "middle", class: "count" }, String(b.count))
        : null,
    );
  });
  const first = d.buckets[0];
  const last = d.buckets.at(-1);
  return s(
    "svg",
    {
      viewBox: `0 0 ${W} ${H}`,
      class: "chart",
      role: "img",
      "aria-label": `Histogram of ${d.scored} scores from ${first?.from ?? 0} to ${last?.to ?? 0}`,
    },
    s("line", { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: "axis" }),
    bars,
    s("text", { x: PAD, y: H - 8, class: "tick" }, String(first?.from ?? "")),
    s("text", { x: W - PAD, y: H - 8, class: "tick", "text-anchor": "end" }, String(last?.to ?? "")),
  );
}

/**
 * @param {DistributionSummary} d
 * @param {DraftDefinition} definition
 */
function thresholdTable(d, definition) {
  if (d.thresholds.length === 0) return h("p", {}, "No thresholds: every record's threshold is empty.");
  return h(
    "table",
    { class: "threshold-counts" },
    h("caption", {}, "Records per threshold"),
    h(
      "tbody",
      {},
      d.thresholds.map((t) => {
        const colour = tierColour(definition, t.value);
        const swatch = colour ? h("span", { class: "swatch", "aria-hidden": "true" }) : null;
        if (swatch && colour) swatch.style.background = colour;
        return h("tr", {}, h("th", { scope: "row" }, swatch, ` ${t.value}`), h("td", {}, String(t.count)));
      }),
    ),
  );
}

/** @param {PreviewImpact} impact */
function impactBlock(impact) {
  return h(
    "section",
    { class: "impact" },
    h("h4", {}, `Impact of this edit: ${impact.moved} of ${impact.compared} records change threshold`),
    h(
      "ul",
      {},
      Object.entries(impact.byChange).map(([change, n]) => h("li", {}, `${change}: ${n}`)),
    ),
    impact.moves.length > 0 &&
      h(
        "table",
        {},
        h("caption", {}, "Records that move"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["Record", "From", "To", "Score before", "Score after"].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h(
          "tbody",
          {},
          impact.moves.map((m) =>
            h(
              "tr",
              {},
              [m.id, m.from ?? "—", m.to ?? "—", m.scoreFrom ?? "—", m.scoreTo ?? "—"].map((v) =>
                h("td", {}, String(v)),
              ),
            ),
          ),
        ),
      ),
  );
}

/**
 * @param {HTMLElement} container
 * @param {import("./types.js").PreviewResponse} preview
 * @param {DraftDefinition} definition
 */
export function renderPreview(container, preview, definition) {
  const d = preview.distribution;
  /** @type {(label: string, v: number | null) => HTMLElement[]} */
  const stat = (label, v) => [h("dt", {}, label), h("dd", {}, v === null ? "—" : String(v))];
  fill(
    container,
    h(
      "p",
      {},
      `${preview.sampled} records sampled: ${d.scored} scored, ${d.outOfScope} out of scope${preview.skipped?.length ? `, ${preview.skipped.length} skipped` : ""}.`,
    ),
    d.scored > 0 ? histogram(d) : h("p", {}, "No record in scope: nothing to chart."),
    thresholdTable(d, definition),
    h(
      "dl",
      { class: "facts" },
      stat("Min", d.min),
      stat("Median", d.median),
      stat("90th percentile", d.p90),
      stat("Max", d.max),
    ),
    preview.impact && impactBlock(preview.impact),
    warningLines(preview).map((line) => h("p", { class: "warning" }, line)),
  );
}
