import { frame, valueGrid, xTicks } from "./chart-parts.js";
import { fill, h, s } from "./dom.js";
import { rateBars, rateText, stackedTierAreas } from "./performance-figures.js";
import { tierColour } from "./preview-figures.js";

// "Score performance" (docs/scoring.md §Score performance): the tiers stacked day by day, the
// conversion rate of each tier and of each score decile, every number on hover (an SVG <title>).

/** @typedef {import("./performance-figures.js").Performance} Performance */

const AREA_SIZE = { width: 480, height: 230, margin: { top: 14, right: 14, bottom: 46, left: 48 } };
const BAR_SIZE = { width: 480, height: 200, margin: { top: 22, right: 14, bottom: 46, left: 48 } };
/** Tiers without a colour of their own, best first; nine for a combined score's letters. */
const PALETTE = [
  "#1a7f37",
  "#bf8700",
  "#8c959f",
  "#0b5cad",
  "#8250df",
  "#cf222e",
  "#57606a",
  "#1b7c83",
  "#9a6700",
];

/**
 * @param {import("./types.js").DraftDefinition} definition
 * @param {readonly string[]} tiers
 */
const coloursOf = (definition, tiers) =>
  new Map(
    tiers.map((tier, i) => [tier, tierColour(definition, tier) ?? PALETTE[i % PALETTE.length] ?? "#8c959f"]),
  );

/**
 * @param {Performance} p
 * @param {Map<string, string>} colours
 */
function overTimeChart(p, colours) {
  const tiers = [...colours.keys()];
  const { areas, columns, x, y, ticks } = stackedTierAreas(p.overTime, tiers, AREA_SIZE);
  const every = Math.max(1, Math.ceil(p.overTime.length / 5));
  const dateTicks = p.overTime.flatMap((d, i) =>
    i % every === 0 ? [{ at: i, label: d.date.slice(5) }] : [],
  );
  return s(
    "svg",
    {
      viewBox: `0 0 ${AREA_SIZE.width} ${AREA_SIZE.height}`,
      class: "chart performance-area",
      role: "img",
      "aria-label": "Records per tier, day by day",
    },
    valueGrid(AREA_SIZE, ticks, y),
    areas.map((area) => s("path", { d: area.d, fill: colours.get(area.tier), class: "tier-area" })),
    columns.map((c) =>
      s(
        "rect",
        {
          x: c.x,
          y: AREA_SIZE.margin.top,
          width: c.width,
          height: AREA_SIZE.height - AREA_SIZE.margin.bottom - AREA_SIZE.margin.top,
          class: "hover-column",
        },
        s(
          "title",
          {},
          `${c.day.date}: ${tiers.map((t) => `${t} ${c.day.counts[t] ?? 0}`).join(", ")} (${c.total} records)`,
        ),
      ),
    ),
    frame(AREA_SIZE, "Day (UTC)", "Records"),
    xTicks(AREA_SIZE, dateTicks, x),
  );
}

/**
 * Conversion rate bars with their percentages, labels under them and each one's counts on hover; the
 * suggestion's evidence draws its tiers and deciles with it too (suggestion-evidence.js).
 * @template {{records: number, converted: number, rate: number | null}} Row
 * @param {readonly Row[]} rows
 * @param {(row: Row) => string} labelOf
 * @param {(row: Row) => string} colourOf
 * @param {string} xTitle
 */
export function barChart(rows, labelOf, colourOf, xTitle) {
  const { bars, y, ticks } = rateBars(rows, BAR_SIZE);
  const bottom = BAR_SIZE.height - BAR_SIZE.margin.bottom;
  return s(
    "svg",
    {
      viewBox: `0 0 ${BAR_SIZE.width} ${BAR_SIZE.height}`,
      class: "chart performance-bars",
      role: "img",
      "aria-label": `Conversion rate per ${xTitle.toLowerCase()}`,
    },
    valueGrid(BAR_SIZE, ticks, y),
    bars.map((bar) => {
      const rect = s(
        "rect",
        { class: "bar", x: bar.x, y: bar.y, width: bar.width, height: Math.max(bar.height, 0) },
        s("title", {}, `${labelOf(bar.row)}: ${rateText(bar.row)} converted`),
      );
      // Through the CSSOM: the page's CSP refuses style attributes, and .bar's own fill outranks `fill=`.
      rect.style.fill = colourOf(bar.row);
      return s(
        "g",
        {},
        rect,
        bar.row.rate === null
          ? null
          : s(
              "text",
              { x: bar.centre, y: bar.y - 4, "text-anchor": "middle", class: "count" },
              `${Math.round(bar.row.rate * 100)}%`,
            ),
        s(
          "text",
          { x: bar.centre, y: bottom + 16, "text-anchor": "middle", class: "tick" },
          labelOf(bar.row),
        ),
      );
    }),
    frame(BAR_SIZE, xTitle, "Converted %"),
  );
}

/**
 * @param {HTMLElement} out
 * @param {Performance} p
 * @param {import("./types.js").DraftDefinition} definition
 * @param {{stage: string, withinDays: number, csvUrl: string}} asked
 */
export function renderPerformance(out, p, definition, asked) {
  const colours = coloursOf(
    definition,
    p.tiers.map((t) => t.tier),
  );
  const scored = p.overTime.at(-1);
  fill(
    out,
    h(
      "p",
      { class: "hint" },
      `From ${p.from.slice(0, 10)} to ${p.until.slice(0, 10)} (UTC): reaching “${asked.stage}” within ${asked.withinDays} days. Hover for the numbers.`,
    ),
    h("h3", {}, "Records per tier over time"),
    h(
      "ul",
      { class: "legend" },
      [...colours].map(([tier, colour]) => {
        const swatch = h("span", { class: "swatch" });
        swatch.style.background = colour;
        return h("li", {}, swatch, `${tier} ${scored?.counts[tier] ?? 0}`);
      }),
    ),
    overTimeChart(p, colours),
    h("h3", {}, "Conversion by tier"),
    barChart(
      p.tiers,
      (r) => r.tier,
      (r) => colours.get(r.tier) ?? "#8c959f",
      "Tier",
    ),
    h("h3", {}, "Lift by score decile"),
    p.lift.some((d) => d.records > 0)
      ? barChart(
          p.lift,
          (r) => `D${r.decile}`,
          () => "#0b5cad",
          "Decile of the score at the start (D1 highest)",
        )
      : h(
          "p",
          { class: "hint" },
          `No record had a value on ${p.from.slice(0, 10)}, the window's start: a longer window ranks them.`,
        ),
    h("p", {}, h("a", { href: asked.csvUrl, download: "" }, "Download CSV")),
  );
}
