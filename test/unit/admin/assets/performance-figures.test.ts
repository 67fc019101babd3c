import { describe, expect, it } from "vitest";
import {
  rateBars,
  rateText,
  stackedTierAreas,
  type TierDay,
} from "../../../../src/admin/assets/performance-figures.js";

// "Score performance" (docs/scoring.md §Score performance): the stacked tiers and the rate bars' geometry.

const size = { width: 240, height: 140, margin: { top: 10, right: 10, bottom: 30, left: 30 } };
const bottom = size.height - size.margin.bottom;

describe("stackedTierAreas", () => {
  const days: TierDay[] = [
    { date: "2026-11-01", counts: { high: 2, low: 6 } },
    { date: "2026-11-02", counts: { high: 4, medium: 2, low: 4 } },
  ];

  it("stacks the lowest tier at the bottom and the best on top, up to each day's total", () => {
    const { areas, y, ticks } = stackedTierAreas(days, ["high", "medium", "low"], size);
    expect(areas.map((a) => a.tier)).toEqual(["high", "medium", "low"]);
    expect(ticks.at(-1)).toBe(10);
    // low from 0 to 6 then 4; medium from there by 0 then 2; high to 8 then 10 — left at x 30, right at x 230.
    expect(areas[2]?.d).toBe(
      `M30.0,${y(6).toFixed(1)}L230.0,${y(4).toFixed(1)}L230.0,${y(0).toFixed(1)}L30.0,${y(0).toFixed(1)}Z`,
    );
    expect(areas[0]?.d).toBe(
      `M30.0,${y(8).toFixed(1)}L230.0,${y(10).toFixed(1)}L230.0,${y(6).toFixed(1)}L30.0,${y(6).toFixed(1)}Z`,
    );
    expect(y(0)).toBe(bottom);
    expect(y(10)).toBe(size.margin.top);
  });

  it("gives each day a hover strip with its total, within the plot", () => {
    const { columns } = stackedTierAreas(days, ["high", "medium", "low"], size);
    expect(columns.map((c) => [c.day.date, c.total])).toEqual([
      ["2026-11-01", 8],
      ["2026-11-02", 10],
    ]);
    expect(columns[0]?.x).toBe(size.margin.left);
  });
});

describe("rateBars", () => {
  it("draws each rate against a round top in percent, and no height for a row without records", () => {
    const rows = [
      { decile: 1, records: 4, converted: 3, rate: 0.75 },
      { decile: 2, records: 0, converted: 0, rate: null },
    ];
    const { bars, ticks } = rateBars(rows, size);
    expect(ticks.at(-1)).toBe(80);
    expect(bars[0]?.height).toBeCloseTo((75 / 80) * (bottom - size.margin.top));
    expect(bars[1]?.height).toBe(0);
    expect(bars[1]?.x).toBeGreaterThan((bars[0]?.x ?? 0) + (bars[0]?.width ?? 0));
  });
});

describe("rateText", () => {
  it("says converted of records with the rounded percentage, or that there were none", () => {
    expect(rateText({ records: 40, converted: 12, rate: 0.3 })).toBe("12 of 40 (30%)");
    expect(rateText({ records: 0, converted: 0, rate: null })).toBe("no records");
  });
});
