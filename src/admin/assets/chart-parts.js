import { s } from "./dom.js";

// What the history chart and the preview histogram draw alike (docs/decisions.md §Charts people read):
// the frame with its axis titles, horizontal grid lines with their values, and the shade of a
// threshold band.

/** @typedef {import("./chart-scales.js").ChartSize} ChartSize */

/** Bands without a tier colour, highest first: green, amber, grey. */
const BAND_FILLS = ["#1a7f37", "#bf8700", "#8c959f"];

/**
 * A band's shade: its tier's own colour, else by its rank from the top.
 * @param {{colour?: string}} band
 * @param {number} rank
 */
export const bandFill = (band, rank) => band.colour ?? BAND_FILLS[rank] ?? "#8c959f";

/**
 * The x and y axes, the x axis' title below it and the y axis' title along it.
 * @param {ChartSize} size
 * @param {string} xTitle
 * @param {string} yTitle
 */
export function frame({ width, height, margin: m }, xTitle, yTitle) {
  const right = width - m.right;
  const bottom = height - m.bottom;
  const middle = (m.top + bottom) / 2;
  return [
    s("line", { x1: m.left, y1: bottom, x2: right, y2: bottom, class: "axis" }),
    s("line", { x1: m.left, y1: m.top, x2: m.left, y2: bottom, class: "axis" }),
    s(
      "text",
      { x: (m.left + right) / 2, y: height - 8, "text-anchor": "middle", class: "axis-title" },
      xTitle,
    ),
    s(
      "text",
      {
        x: 12,
        y: middle,
        "text-anchor": "middle",
        class: "axis-title",
        transform: `rotate(-90 12 ${middle})`,
      },
      yTitle,
    ),
  ];
}

/**
 * A light line across the plot at each value, labelled left of the y axis.
 * @param {ChartSize} size
 * @param {readonly number[]} ticks
 * @param {(value: number) => number} y
 */
export function valueGrid({ width, margin: m }, ticks, y) {
  return ticks.map((v) => [
    s("line", { x1: m.left, x2: width - m.right, y1: y(v), y2: y(v), class: "grid" }),
    s("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, String(v)),
  ]);
}

/**
 * Marks and labels below the x axis, each at `x(at)`.
 * @param {ChartSize} size
 * @param {readonly {at: number, label: string}[]} ticks
 * @param {(at: number) => number} x
 */
export function xTicks({ height, margin }, ticks, x) {
  const bottom = height - margin.bottom;
  return ticks.map(({ at, label }) => [
    s("line", { x1: x(at), x2: x(at), y1: bottom, y2: bottom + 5, class: "axis" }),
    s("text", { x: x(at), y: bottom + 18, "text-anchor": "middle", class: "tick" }, label),
  ]);
}
