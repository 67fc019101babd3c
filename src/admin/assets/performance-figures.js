import { valueTicks } from "./chart-scales.js";

// The geometry of "Score performance" (docs/scoring.md §Score performance): tiers stacked day by day,
// and a bar per tier or decile as tall as its conversion rate. Pure, so it is tested without a DOM.

/** @typedef {import("./chart-scales.js").ChartSize} ChartSize */
/** @typedef {{date: string, counts: Record<string, number>}} TierDay */
/** @typedef {{tier: string, records: number, converted: number, rate: number | null}} TierRate */
/** @typedef {{decile: number, records: number, converted: number, rate: number | null}} DecileRate */
/** @typedef {{tiers: TierRate[], overTime: TierDay[], lift: DecileRate[], from: string, until: string}} Performance */

/**
 * One closed area per tier, the lowest tier at the bottom and the best on top, over days spread across
 * the plot; `columns` are each day's hover strip with its counts.
 * @param {readonly TierDay[]} days
 * @param {readonly string[]} tiers best first
 * @param {ChartSize} size
 */
export function stackedTierAreas(days, tiers, { width, height, margin: m }) {
  const totals = days.map((d) => tiers.reduce((sum, t) => sum + (d.counts[t] ?? 0), 0));
  const scale = valueTicks(0, Math.max(1, ...totals));
  const plotWidth = width - m.left - m.right;
  const bottom = height - m.bottom;
  const x = (/** @type {number} */ i) =>
    m.left + (days.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (days.length - 1));
  const y = (/** @type {number} */ v) => bottom - (v / scale.v1) * (bottom - m.top);
  const stacked = days.map(() => 0);
  const areas = [...tiers].reverse().map((tier) => {
    const lower = [...stacked];
    days.forEach((d, i) => {
      stacked[i] = (stacked[i] ?? 0) + (d.counts[tier] ?? 0);
    });
    const top = days.map((_, i) => `${x(i).toFixed(1)},${y(stacked[i] ?? 0).toFixed(1)}`);
    const under = days.map((_, i) => `${x(i).toFixed(1)},${y(lower[i] ?? 0).toFixed(1)}`).reverse();
    return { tier, d: `M${top.join("L")}L${under.join("L")}Z` };
  });
  const step = days.length <= 1 ? plotWidth : plotWidth / (days.length - 1);
  const columns = days.map((day, i) => ({
    day,
    x: Math.max(m.left, x(i) - step / 2),
    width: Math.min(step, plotWidth),
    total: totals[i] ?? 0,
  }));
  return { areas: areas.reverse(), columns, x, y, ticks: scale.ticks, top: m.top, bottom };
}

/**
 * A bar per row, side by side, as tall as its rate against a round top in percent; a row without
 * records (rate null) has no height.
 * @template {{rate: number | null}} Row
 * @param {readonly Row[]} rows
 * @param {ChartSize} size
 */
export function rateBars(rows, { width, height, margin: m }) {
  const percents = valueTicks(0, Math.max(1, ...rows.map((r) => (r.rate ?? 0) * 100)));
  const bottom = height - m.bottom;
  const slot = (width - m.left - m.right) / Math.max(1, rows.length);
  const y = (/** @type {number} */ percent) => bottom - (percent / percents.v1) * (bottom - m.top);
  const bars = rows.map((row, i) => {
    const top = y((row.rate ?? 0) * 100);
    const x = m.left + i * slot + slot * 0.15;
    return { row, x, width: slot * 0.7, y: top, height: bottom - top, centre: x + slot * 0.35 };
  });
  return { bars, y, ticks: percents.ticks };
}

/** "12 of 40 (30%)", "no records". @param {{records: number, converted: number, rate: number | null}} row */
export const rateText = (row) =>
  row.rate === null ? "no records" : `${row.converted} of ${row.records} (${Math.round(row.rate * 100)}%)`;
