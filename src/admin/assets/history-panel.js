import { fill, formatDate, h, s } from "./dom.js";
import { scoreHistory, stepChart } from "./history-chart.js";

// A record's score over time (docs/scoring.md §Lifecycle): a step chart of every value written
// to the score property, each change with its cause.

const W = 560;
const H = 200;
const PAD = 34;

/** @param {import("./history-chart.js").HistoryPoint[]} points */
function chart(points) {
  const { x, y, v0, v1, path } = stepChart(points, { width: W, height: H, pad: PAD });
  return s(
    "svg",
    {
      viewBox: `0 0 ${W} ${H}`,
      class: "chart",
      role: "img",
      "aria-label": `Score history: ${points.length} changes`,
    },
    s("line", { x1: PAD, y1: H - PAD, x2: W - PAD, y2: H - PAD, class: "axis" }),
    s("line", { x1: PAD, y1: PAD, x2: PAD, y2: H - PAD, class: "axis" }),
    s("text", { x: PAD - 4, y: y(v1) + 4, "text-anchor": "end", class: "tick" }, String(v1)),
    s("text", { x: PAD - 4, y: y(v0) + 4, "text-anchor": "end", class: "tick" }, String(v0)),
    s("path", { d: path, class: "line" }),
    points.map((p) =>
      s(
        "circle",
        { cx: x(p.atMs), cy: y(p.value), r: 4, class: "point" },
        s("title", {}, `${formatDate(new Date(p.atMs).toISOString())}: ${p.value} (${p.cause})`),
      ),
    ),
  );
}

/**
 * @param {HTMLElement} container
 * @param {import("./types.js").HistoryEntry[]} history
 * @param {string} propertyName the score's property, whose changes are shown
 */
export function renderHistory(container, history, propertyName) {
  const { changes, points } = scoreHistory(history, propertyName);
  if (changes.length === 0) {
    fill(container, h("p", {}, "No value written for this record yet (a score writes once it is enabled)."));
    return;
  }
  fill(
    container,
    points.length > 0 ? chart(points) : null,
    h(
      "table",
      {},
      h("caption", {}, "Every change"),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["When", "From", "To", "Threshold", "Cause"].map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h(
        "tbody",
        {},
        changes.map((e) =>
          h(
            "tr",
            {},
            [
              formatDate(new Date(e.atMs).toISOString()),
              e.old ?? "—",
              e.new ?? "cleared",
              e.threshold ?? "—",
              e.cause,
            ].map((v) => h("td", {}, v)),
          ),
        ),
      ),
    ),
  );
}
