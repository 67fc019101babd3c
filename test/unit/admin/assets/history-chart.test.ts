import { describe, expect, it } from "vitest";
import { type HistoryPoint, scoreHistory, stepChart } from "../../../../src/admin/assets/history-chart.js";
import type { HistoryEntry } from "../../../../src/ports/record-store.js";

// A record's history (docs/scoring.md §Lifecycle): the score property's changes, and a step
// line through its values, a value holding until the next one was written and the last until now.

const entry = (atMs: number, value: string | null, property = "ls_lead"): HistoryEntry => {
  const written: HistoryEntry = { property, old: null, new: value, threshold: null, atMs, cause: "webhook" };
  return written;
};
const margin = { top: 14, right: 110, bottom: 48, left: 52 };
const size = { width: 720, height: 280, margin };
const right = size.width - margin.right;
const bottom = size.height - margin.bottom;
const point = (atMs: number, value: number): HistoryPoint => ({
  atMs,
  value,
  entry: entry(atMs, String(value)),
});

describe("scoreHistory", () => {
  it("lists the score property's changes and plots those that wrote a number", () => {
    const history = [entry(1, "10"), entry(2, "7", "ls_other"), entry(3, null), entry(4, "25.5")];
    const { changes, points } = scoreHistory(history, "ls_lead");
    expect(changes.map((c) => c.atMs)).toEqual([1, 3, 4]);
    expect(points.map((p) => [p.atMs, p.value, p.entry])).toEqual([
      [1, 10, history[0]],
      [4, 25.5, history[3]],
    ]);
  });
});

describe("stepChart", () => {
  const points = [point(1_000, 10), point(2_000, 40), point(5_000, 20)];

  it("spans the plot: first change left, last right, 0 at the bottom, the round top of the ticks at the top", () => {
    const { x, y, v0, v1, valueTicks } = stepChart(points, size);
    expect([x(1_000), x(5_000)]).toEqual([margin.left, right]);
    expect([v0, v1]).toEqual([0, 40]);
    expect(valueTicks).toEqual([0, 10, 20, 30, 40]);
    expect([y(0), y(40)]).toEqual([bottom, margin.top]);
  });

  it("holds each value until the next change, and the last one until now", () => {
    const { x, y, path } = stepChart(points, size);
    expect(path).toBe(`M${x(1_000)},${y(10)}H${x(2_000)}V${y(40)}H${x(5_000)}V${y(20)}`);
    const untilNow = stepChart(points, size, { untilMs: 9_000 });
    expect(untilNow.x(9_000)).toBe(right);
    expect(untilNow.path.endsWith(`V${untilNow.y(20)}H${right}`)).toBe(true);
  });

  it("reaches up to the highest threshold, so its line is on the chart even above every value", () => {
    const { y, v1 } = stepChart(points, size, { levels: [70, 40] });
    expect(v1).toBe(80);
    expect(y(70)).toBeGreaterThan(margin.top);
  });

  it("labels the time axis with UTC dates at whole days for a history of weeks", () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2026, 10, 3, 9, 30);
    const weeks = stepChart([point(t0, 5), point(t0 + 20 * day, 30)], size);
    expect(weeks.timeTicks.length).toBeGreaterThanOrEqual(2);
    expect(weeks.timeTicks.length).toBeLessThanOrEqual(6);
    expect(weeks.timeTicks[0]?.label).toBe("Nov 5");
    for (const t of weeks.timeTicks) expect(t.atMs % day).toBe(0);
  });

  it("reaches below 0 for negative scores, and draws a single change without dividing by nothing", () => {
    const negative = stepChart([...points, point(6_000, -15)], size);
    expect(negative.v0).toBe(-20);
    const single = stepChart([point(7_000, 0)], size);
    expect(single.path).toBe(`M${margin.left},${bottom}`);
  });
});
