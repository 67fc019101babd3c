import { fill, h, s } from "./dom.js";

// "Preview distribution": a histogram, counts per threshold, and for an edit of an enabled score the
// impact (the admin API's preview response).

const W = 560;
const H = 180;
const PAD = 28;

/** Tier colours from the definition (docs/scoring.md §Thresholds: tiers may carry a colour). */
function colourOf(definition, value) {
  const tier = definition.thresholds?.tiers?.find(
    (t) => t.label.toLowerCase().replace(/[^a-z0-9]+/g, "_") === value,
  );
  return tier?.color?.toLowerCase();
}

function histogram(d) {
  const max = Math.max(1, ...d.buckets.map((b) => b.count));
  const bw = (W - PAD * 2) / Math.max(1, d.buckets.length);
  const bars = d.buckets.map((b, i) => {
    const bh = ((H - PAD * 2) * b.count) / max;
    return s(
      "g",
      {},
      s(
        "rect",
        { class: "bar", x: PAD + i * bw + 1, y: H - PAD - bh, width: Math.max(1, bw - 2), height: bh },
        s("title", {}, `${b.from} to ${b.to}: ${b.count}`),
      ),
      b.count > 0
        ? s(
            "text",
            { x: PAD + i * bw + bw / 2, y: H - PAD - bh - 4, "text-anchor": "middle", class: "count" },
            String(b.count),
          )
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
        const colour = colourOf(definition, t.value);
        const swatch = colour ? h("span", { class: "swatch", "aria-hidden": "true" }) : null;
        if (swatch) swatch.style.background = colour;
        return h("tr", {}, h("th", { scope: "row" }, swatch, ` ${t.value}`), h("td", {}, String(t.count)));
      }),
    ),
  );
}

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

export function renderPreview(container, preview, definition) {
  const d = preview.distribution;
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
  );
}
