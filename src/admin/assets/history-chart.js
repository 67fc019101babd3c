// The figures of a record's history chart (docs/scoring.md §Lifecycle): which changes are the
// score's, the values to plot, and a step line through them (a value holds until the next write).

/** @typedef {import("./types.js").HistoryEntry} HistoryEntry */
/** @typedef {{atMs: number, value: number, cause: string}} HistoryPoint */

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
    .map((e) => ({ atMs: e.atMs, value: Number(e.new), cause: e.cause }));
  return { changes, points };
}

/**
 * Scales for a chart of `width` × `height` with `pad` around the plot: time on x, value on y, from 0
 * or the lowest value (whichever is lower) to the highest. A single point still gets a non-empty range.
 * @param {readonly HistoryPoint[]} points
 * @param {{width: number, height: number, pad: number}} size
 */
export function stepChart(points, { width, height, pad }) {
  const times = points.map((p) => p.atMs);
  const values = points.map((p) => p.value);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const v0 = Math.min(0, ...values);
  const v1 = Math.max(...values, v0 + 1);
  const x = (/** @type {number} */ t) => pad + ((width - pad * 2) * (t - t0)) / (t1 - t0);
  const y = (/** @type {number} */ v) => height - pad - ((height - pad * 2) * (v - v0)) / (v1 - v0);
  const path = points
    .map((p, i) => (i === 0 ? `M${x(p.atMs)},${y(p.value)}` : `H${x(p.atMs)}V${y(p.value)}`))
    .join("");
  return { x, y, v0, v1, path };
}
