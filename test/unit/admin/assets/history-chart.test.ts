import { describe, expect, it } from "vitest";
import { scoreHistory, stepChart } from "../../../../src/admin/assets/history-chart.js";
import type { HistoryEntry } from "../../../../src/ports/record-store.js";

// A record's history (docs/scoring.md §Lifecycle): the score property's changes, and a step
// line through its values, a value holding until the next one was written.

const entry = (atMs: number, value: string | null, property = "ls_lead"): HistoryEntry => {
  const written: HistoryEntry = { property, old: null, new: value, threshold: null, atMs, cause: "webhook" };
  return written;
};
const size = { width: 560, height: 200, pad: 34 };

describe("scoreHistory", () => {
  it("lists the score property's changes and plots those that wrote a number", () => {
    const history = [entry(1, "10"), entry(2, "7", "ls_other"), entry(3, null), entry(4, "25.5")];
    const { changes, points } = scoreHistory(history, "ls_lead");
    expect(changes.map((c) => c.atMs)).toEqual([1, 3, 4]);
    expect(points).toEqual([
      { atMs: 1, value: 10, cause: "webhook" },
      { atMs: 4, value: 25.5, cause: "webhook" },
    ]);
  });
});

describe("stepChart", () => {
  const points = [
    { atMs: 1_000, value: 10, cause: "enable" },
    { atMs: 2_000, value: 40, cause: "webhook" },
    { atMs: 5_000, value: 20, cause: "decay" },
  ];

  it("spans the plot: first change left, last right, 0 at the bottom, the top value at the top", () => {
    const { x, y, v0, v1 } = stepChart(points, size);
    expect([x(1_000), x(5_000)]).toEqual([size.pad, size.width - size.pad]);
    expect([v0, v1]).toEqual([0, 40]);
    expect([y(0), y(40)]).toEqual([size.height - size.pad, size.pad]);
  });

  it("holds each value until the next change: across, then up or down", () => {
    const { x, y, path } = stepChart(points, size);
    expect(path).toBe(`M${x(1_000)},${y(10)}H${x(2_000)}V${y(40)}H${x(5_000)}V${y(20)}`);
  });

  it("reaches below 0 for negative scores, and draws a single change without dividing by nothing", () => {
    const negative = stepChart([...points, { atMs: 6_000, value: -15, cause: "update" }], size);
    expect(negative.v0).toBe(-15);
    const single = stepChart([{ atMs: 7_000, value: 0, cause: "enable" }], size);
    expect(single.path).toBe(`M${size.pad},${size.height - size.pad}`);
  });
});
