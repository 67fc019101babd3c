import { fill, formatDate, h, s } from "./dom.js";

// A record's score over time (SCORING.md §Lifecycle, History): a step chart of every value written
// to the score property, each change with its cause.

const W = 560;
const H = 200;
const PAD = 34;

function chart(points) {
  const times = points.map((p) => p.atMs);
  const values = points.map((p) => p.value);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const v0 = Math.min(0, ...values);
  const v1 = Math.max(...values, v0 + 1);
  const x = (t) => PAD + ((W - PAD * 2) * (t - t0)) / (t1 - t0);
  const y = (v) => H - PAD - ((H - PAD * 2) * (v - v0)) / (v1 - v0);
  let d = "";
  points.forEach((p, i) => {
    d += i === 0 ? `M${x(p.atMs)},${y(p.value)}` : `H${x(p.atMs)}V${y(p.value)}`;
  });
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
    s("path", { d, class: "line" }),
    points.map((p) =>
      s(
        "circle",
        { cx: x(p.atMs), cy: y(p.value), r: 4, class: "point" },
        s("title", {}, `${formatDate(new Date(p.atMs).toISOString())}: ${p.value} (${p.cause})`),
      ),
    ),
  );
}

export function renderHistory(container, history, propertyName) {
  const changes = history.filter((e) => e.property === propertyName);
  if (changes.length === 0) {
    fill(container, h("p", {}, "No value written for this record yet (a score writes once it is enabled)."));
    return;
  }
  const points = changes
    .filter((e) => e.new !== null && !Number.isNaN(Number(e.new)))
    .map((e) => ({ atMs: e.atMs, value: Number(e.new), cause: e.cause }));
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
