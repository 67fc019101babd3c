import { warningLines } from "./builder-sources.js";
import { fill, h } from "./dom.js";
import { combinedGrid, tierColour } from "./preview-figures.js";
import { histogram } from "./preview-histogram.js";
import { recordName } from "./record-names.js";

// "Preview distribution": a histogram, counts per threshold, and for an edit of an enabled score the
// impact on the records' thresholds (the admin API's preview response).

/** @typedef {import("./types.js").DistributionSummary} DistributionSummary */
/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {NonNullable<import("./types.js").PreviewResponse["impact"]>} PreviewImpact */
/** @typedef {import("./record-names.js").RecordNames} RecordNames */

/**
 * A combined score's letters as a 3×3 grid: fit down, engagement across, count and share per cell.
 * @param {DistributionSummary} d
 */
function gridTable(d) {
  const grid = combinedGrid(d.thresholds);
  return h(
    "table",
    { class: "combined-grid", "data-testid": "combined-grid" },
    h("caption", {}, "Records per letter: fit A–C down, engagement 1–3 across"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("td", { class: "corner" }, "fit ↓ engagement →"),
        grid.columns.map((c) => h("th", { scope: "col", title: c.label }, `${c.digit} · ${c.level}`)),
      ),
    ),
    h(
      "tbody",
      {},
      grid.rows.map((row) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", title: row.label }, `${row.letter} · ${row.level}`),
          row.cells.map((cell) => {
            const td = h(
              "td",
              { dataset: { value: cell.value }, title: `${cell.value}: ${cell.count} records` },
              h("strong", {}, cell.value),
              h("span", { class: "cell-count" }, cell.count.toLocaleString("en")),
              h("small", {}, `${Math.round(cell.share * 100)}%`),
            );
            // The fuller the cell, the stronger its shade; text stays dark on the lightest and white past half.
            td.style.background = `rgba(11, 92, 173, ${(0.08 + cell.weight * 0.72).toFixed(2)})`;
            if (cell.weight > 0.5) td.classList.add("strong");
            return td;
          }),
        ),
      ),
    ),
  );
}

/**
 * @param {DistributionSummary} d
 * @param {DraftDefinition} definition
 */
function thresholdTable(d, definition) {
  if (definition.type === "combined" && d.thresholds.length > 0) return gridTable(d);
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

/**
 * @param {PreviewImpact} impact
 * @param {RecordNames} names
 */
function impactBlock(impact, names) {
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
            ["Record", "Threshold", "Score"].map((c) => h("th", { scope: "col" }, c)),
          ),
        ),
        h(
          "tbody",
          {},
          impact.moves.map((m) =>
            h(
              "tr",
              {},
              h("td", {}, recordName(m.id, names)),
              // Before → after, in two columns rather than four, to fit the side panel.
              h("td", {}, `${m.from ?? "—"} → ${m.to ?? "—"}`),
              h("td", {}, `${m.scoreFrom ?? "—"} → ${m.scoreTo ?? "—"}`),
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
 * @param {RecordNames} [names] the names of the records the impact lists
 */
export function renderPreview(container, preview, definition, names = new Map()) {
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
    d.scored > 0 ? histogram(d, definition) : h("p", {}, "No record in scope: nothing to chart."),
    thresholdTable(d, definition),
    h(
      "dl",
      { class: "facts" },
      stat("Min", d.min),
      stat("Median", d.median),
      stat("90th percentile", d.p90),
      stat("Max", d.max),
    ),
    preview.impact && impactBlock(preview.impact, names),
    warningLines(preview).map((line) => h("p", { class: "warning" }, line)),
  );
}
