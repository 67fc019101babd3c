import { describe, expect, it } from "vitest";
import { splitDeciles } from "../../../../src/app/performance/split-deciles.js";

// docs/scoring.md §Score performance: lift by decile from counts per score value.

const counts = (rows: [number, number, number][]) =>
  new Map(rows.map(([value, records, converted]) => [value, { records, converted }]));

describe("splitDeciles", () => {
  it("ranks values highest first, one value a decile when there are ten records", () => {
    const rows = splitDeciles(
      counts(Array.from({ length: 10 }, (_, i) => [i * 10, 1, i % 2] as [number, number, number])),
    );
    expect(rows.map((r) => [r.decile, r.records, r.converted])).toEqual([
      [1, 1, 1],
      [2, 1, 0],
      [3, 1, 1],
      [4, 1, 0],
      [5, 1, 1],
      [6, 1, 0],
      [7, 1, 1],
      [8, 1, 0],
      [9, 1, 1],
      [10, 1, 0],
    ]);
    expect(rows[0]?.rate).toBe(1);
  });

  it("shares a value that straddles deciles by records, and its conversions in proportion", () => {
    // 20 records, two a decile: 90 ×2 (both converted) are ranks 0–1, decile 1; 50 ×15 (6 converted) ranks
    // 2–16, two each in deciles 2–8 and one in decile 9; 0 ×3 the rest of 9 and decile 10.
    const rows = splitDeciles(
      counts([
        [90, 2, 2],
        [50, 15, 6],
        [0, 3, 0],
      ]),
    );
    expect(rows.map((r) => r.records)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // 6 of 15 over shares of 2,2,2,2,2,2,2,1: 0.8 each (0.4 for the last) → floors 0, remainders give
    // one each to the six highest remainders, the higher deciles first.
    expect(rows.map((r) => r.converted)).toEqual([2, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(rows.reduce((sum, r) => sum + r.converted, 0)).toBe(8);
    expect(rows[9]).toEqual({ decile: 10, records: 2, converted: 0, rate: 0 });
  });

  it("leaves every decile empty, rate null, without records", () => {
    expect(splitDeciles(new Map()).every((r) => r.records === 0 && r.rate === null)).toBe(true);
  });
});
