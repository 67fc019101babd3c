// The scales of the admin page's charts (docs/decisions.md §Charts people read): round value ticks,
// time ticks at whole minutes, hours or days with UTC labels (the page's dates are UTC), and the
// threshold cut-offs a score's chart draws as lines and bands.

/** @typedef {{top: number, right: number, bottom: number, left: number}} Margin */
/** @typedef {{width: number, height: number, margin: Margin}} ChartSize */
/** A threshold's lower end: `high` from 40, the tier "Hot" from 80. */
/** @typedef {{label: string, from: number, colour?: string}} ThresholdLine */

/**
 * A round step (1, 2 or 5 times a power of ten) that cuts `span` into about `count` parts.
 * @param {number} span
 * @param {number} count
 */
export function niceStep(span, count) {
  const raw = Math.max(span, Number.EPSILON) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

/**
 * Value ticks from `v0` to `v1`, widened to round ends: 0, 20, 40, 60 for 3…55.
 * @param {number} v0
 * @param {number} v1
 * @param {number} [count]
 * @returns {{v0: number, v1: number, ticks: number[]}}
 */
export function valueTicks(v0, v1, count = 4) {
  const step = niceStep(v1 - v0, count);
  const lo = Math.floor(v0 / step) * step;
  const hi = Math.max(Math.ceil(v1 / step) * step, lo + step);
  const ticks = [];
  // Rounded to the step's decimals: 0.1 + 0.2 is shown as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { v0: lo, v1: hi, ticks };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "Dec 6" for a tick a day or more apart, "14:00" within a day ("Dec 6 14:00" where the day changes).
 * @param {number} atMs
 * @param {number} stepMs
 * @param {boolean} withDay
 */
export function formatTimeTick(atMs, stepMs, withDay) {
  const d = new Date(atMs);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  if (stepMs >= DAY) return stepMs >= 91 * DAY ? `${day} ${d.getUTCFullYear()}` : day;
  const time = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return withDay ? `${day} ${time}` : time;
}

/**
 * Up to `count` + 1 ticks at whole steps between t0 and t1, each with its UTC label; the first tick
 * and every tick on a new day name the day.
 * @param {number} t0
 * @param {number} t1
 * @param {number} [count]
 * @returns {{atMs: number, label: string}[]}
 */
export function timeTicks(t0, t1, count = 5) {
  const stepMs = STEPS.find((s) => (t1 - t0) / s <= count) ?? /** @type {number} */ (STEPS.at(-1));
  const ticks = [];
  let previousDay = -1;
  for (let at = Math.ceil(t0 / stepMs) * stepMs; at <= t1; at += stepMs) {
    const dayNumber = Math.floor(at / DAY);
    ticks.push({ atMs: at, label: formatTimeTick(at, stepMs, dayNumber !== previousDay) });
    previousDay = dayNumber;
  }
  return ticks;
}

/**
 * The cut-offs of a score's thresholds, highest first (docs/scoring.md §Thresholds): `high` and `medium`
 * of levels, every tier with a `from`. A combined score's letters grade its parts, not the score: none.
 * @param {import("./types.js").DraftDefinition} definition
 * @returns {ThresholdLine[]}
 */
export function thresholdLines(definition) {
  const t = definition.thresholds;
  if (!t || definition.type === "combined") return [];
  /** @type {ThresholdLine[]} */
  const lines = [];
  if (t.tiers?.length) {
    for (const tier of t.tiers)
      if (typeof tier.from === "number")
        lines.push({
          label: tier.label,
          from: tier.from,
          ...(tier.color ? { colour: tier.color.toLowerCase() } : {}),
        });
  } else {
    if (typeof t.high === "number") lines.push({ label: "high", from: t.high });
    if (typeof t.medium === "number") lines.push({ label: "medium", from: t.medium });
  }
  return lines.sort((a, b) => b.from - a.from);
}

/**
 * The bands between cut-offs, for shading: each threshold from its line up to the next one (the top
 * band up to `top`), clipped to [bottom, top].
 * @param {readonly ThresholdLine[]} lines highest first
 * @param {number} bottom
 * @param {number} top
 */
export function thresholdBands(lines, bottom, top) {
  return lines
    .map((line, i) => ({
      ...line,
      lo: Math.max(bottom, line.from),
      hi: Math.min(top, i === 0 ? top : /** @type {ThresholdLine} */ (lines[i - 1]).from),
    }))
    .filter((band) => band.hi > band.lo);
}
