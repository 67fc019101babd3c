import { bandFill, frame, valueGrid, xTicks } from "./chart-parts.js";
import { thresholdBands, thresholdLines } from "./chart-scales.js";
import { fill, formatDate, h, s } from "./dom.js";
import { describeChange } from "./history-causes.js";
import { scoreHistory, stepChart } from "./history-chart.js";
import { recordName } from "./record-names.js";

// A record's score over time (docs/scoring.md §Lifecycle, §History): a step chart of every value
// written to the score property, with dated axes and the threshold cut-offs as lines and bands, then
// each change with what made it.

/** @typedef {import("./history-chart.js").HistoryPoint} HistoryPoint */
/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */

// Drawn at about the side panel's width, so 11 px text stays 11 px on screen.
const SIZE = { width: 480, height: 250, margin: { top: 14, right: 104, bottom: 46, left: 44 } };

/**
 * @param {readonly HistoryPoint[]} points
 * @param {DraftDefinition} definition
 * @param {number} nowMs
 */
function chart(points, definition, nowMs) {
  const { width: W, height: H, margin: m } = SIZE;
  const lines = thresholdLines(definition);
  const c = stepChart(points, SIZE, { untilMs: nowMs, levels: lines.map((l) => l.from) });
  const right = W - m.right;
  const bands = thresholdBands(lines, c.v0, c.v1).map((band, i) =>
    s("rect", {
      class: "band",
      x: m.left,
      width: right - m.left,
      y: c.y(band.hi),
      height: c.y(band.lo) - c.y(band.hi),
      fill: bandFill(band, i),
    }),
  );
  return s(
    "svg",
    {
      viewBox: `0 0 ${W} ${H}`,
      class: "chart history",
      role: "img",
      "aria-label": `Score history: ${points.length} changes from ${formatDate(new Date(c.t0).toISOString())}`,
    },
    bands,
    valueGrid(SIZE, c.valueTicks, c.y),
    lines.map((line) =>
      s(
        "g",
        { class: "threshold" },
        s("line", { x1: m.left, x2: right, y1: c.y(line.from), y2: c.y(line.from), class: "threshold-line" }),
        s(
          "text",
          { x: right + 6, y: c.y(line.from) + 4, class: "threshold-label" },
          `${line.label} ≥ ${line.from}`,
        ),
      ),
    ),
    frame(SIZE, "Time (UTC)", "Score"),
    xTicks(
      SIZE,
      c.timeTicks.map((t) => ({ at: t.atMs, label: t.label })),
      c.x,
    ),
    s("path", { d: c.path, class: "line" }),
    points.map((p) =>
      s(
        "circle",
        { cx: c.x(p.atMs), cy: c.y(p.value), r: 4, class: "point" },
        s(
          "title",
          {},
          `${formatDate(new Date(p.atMs).toISOString())}: ${p.value} (${describeChange(p.entry, definition.object)})`,
        ),
      ),
    ),
  );
}

/**
 * A change's time as date over time, so the column stays narrow in the side panel.
 * @param {number} atMs
 */
function when(atMs) {
  const [date, time] = formatDate(new Date(atMs).toISOString()).split(" ");
  return h("time", { datetime: new Date(atMs).toISOString() }, date, h("br"), `${time} UTC`);
}

/**
 * @param {HTMLElement} container
 * @param {import("./types.js").HistoryEntry[]} history
 * @param {DraftDefinition} definition the score whose property's changes are shown
 * @param {{recordId: string, names: import("./record-names.js").RecordNames, nowMs?: number}} record
 */
export function renderHistory(container, history, definition, { recordId, names, nowMs = Date.now() }) {
  const { changes, points } = scoreHistory(history, definition.property.name);
  const heading = h("h3", { "data-testid": "history-record" }, "History of ", recordName(recordId, names));
  if (changes.length === 0) {
    fill(
      container,
      heading,
      h("p", {}, "No value written for this record yet (a score writes once it is enabled)."),
    );
    return;
  }
  fill(
    container,
    heading,
    points.length > 0 ? chart(points, definition, nowMs) : null,
    h(
      "table",
      { class: "history-changes" },
      h("caption", {}, "Every change"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["When", "From", "To", "Threshold", "What happened"].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        {},
        changes.map((e) =>
          h(
            "tr",
            {},
            h("td", {}, when(e.atMs)),
            [e.old ?? "—", e.new ?? "cleared", e.threshold ?? "—", describeChange(e, definition.object)].map(
              (v) => h("td", {}, v),
            ),
          ),
        ),
      ),
    ),
  );
}
