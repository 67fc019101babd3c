import { timeTicks, valueTicks } from "./chart-scales.js";

// The figures of a record's history chart (docs/scoring.md §Lifecycle): which changes are the
// score's, the values to plot, and a step line through them (a value holds until the next write,
// and the last one until now).

/** @typedef {import("./types.js").HistoryEntry} HistoryEntry */
/** @typedef {{atMs: number, value: number, entry: HistoryEntry}} HistoryPoint */
/** @typedef {import("./chart-scales.js").ChartSize} ChartSize */

/**
 * The changes of one property, and the points to plot: every change whose new value is a number
 * (a cleared value, when a record leaves the score's scope, has none).
 * @param {readonly HistoryEntry[]} history
 * @param {string} propertyName
 */
export function scoreHistory(history, propertyName) {
  const changes = history.filter((e) => e.property === propertyName);
  const points = changes
    .filter((e) => e.new !== null && !Number.isNaN(Number(e.new)))
    .map((e) => ({ atMs: e.atMs, value: Number(e.new), entry: e }));
  return { changes, points };
}

/**
 * Scales and the step line of a chart of `size`: time on x from the first change to `untilMs` (now),
 * values on y from 0 or the lowest value (whichever is lower) to the highest value or threshold
 * `levels`, widened to round ticks. A single change still gets a non-empty range.
 * @param {readonly HistoryPoint[]} points
 * @param {ChartSize} size
 * @param {{untilMs?: number, levels?: readonly number[]}} [extent]
 */
export function stepChart(points, { width, height, margin }, { untilMs, levels = [] } = {}) {
  const times = points.map((p) => p.atMs);
  const values = points.map((p) => p.value);
  const t0 = Math.min(...times);
  const last = Math.max(...times);
  const t1 = Math.max(last, untilMs ?? last, t0 + 1);
  const low = Math.min(0, ...values);
  const scale = valueTicks(low, Math.max(...values, ...levels, low + 1));
  const { v0, v1 } = scale;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (/** @type {number} */ t) => margin.left + (plotWidth * (t - t0)) / (t1 - t0);
  const y = (/** @type {number} */ v) => margin.top + plotHeight - (plotHeight * (v - v0)) / (v1 - v0);
  const steps = points.map((p, i) =>
    i === 0 ? `M${x(p.atMs)},${y(p.value)}` : `H${x(p.atMs)}V${y(p.value)}`,
  );
  const path = steps.join("") + (untilMs !== undefined && untilMs > last ? `H${x(untilMs)}` : "");
  return { x, y, v0, v1, t0, t1, path, valueTicks: scale.ticks, timeTicks: timeTicks(t0, t1) };
}
