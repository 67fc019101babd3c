import { describe, expect, it } from "vitest";
import { chooseThresholds } from "../../../src/suggest/choose-thresholds.js";
import type { FeatureMatrix } from "../../../src/suggest/measure-features.js";
import { areaUnderCurve, liftByDecile } from "../../../src/suggest/rank-metrics.js";
import { scalePoints } from "../../../src/suggest/scale-points.js";
import { splitHoldout } from "../../../src/suggest/split-holdout.js";

// docs/scoring.md §Suggested scores, "Points" and "Thresholds".

/** A sparse matrix from dense rows. */
function matrix(rows: number[][]): FeatureMatrix {
  const start = [0];
  const column: number[] = [];
  const value: number[] = [];
  for (const row of rows) {
    row.forEach((v, c) => {
      if (v !== 0) {
        column.push(c);
        value.push(v);
      }
    });
    start.push(column.length);
  }
  return {
    rows: rows.length,
    columns: rows[0]?.length ?? 0,
    start: Int32Array.from(start),
    column: Int32Array.from(column),
    value: Float64Array.from(value),
  };
}

describe("scalePoints", () => {
  it("puts the record with the most positive evidence at 100, in whole points", () => {
    const m = matrix([
      [1, 1, 0],
      [1, 0, 1],
      [0, 0, 1],
    ]);
    // Best record: 2 + 1 = 3 → 100; 2 → 67, 1 → 33, −0.5 → −17.
    expect(scalePoints(m, [0, 1, 2], [0, 1, 2], [2, 1, -0.5])).toEqual([67, 33, -17]);
  });

  it("scales by the most negative evidence when it is further from 0", () => {
    const m = matrix([[1, 1]]);
    expect(scalePoints(m, [0], [0, 1], [1, -4])).toEqual([25, -100]);
  });
});

describe("chooseThresholds", () => {
  it("sets high at the last top band converting at twice the base rate, medium at the last at the base rate", () => {
    // 100 records, scores 99..0; the top 20 convert 80 %, the next 30 40 %, the rest 10 %: base 29 %.
    const scores = Array.from({ length: 100 }, (_, i) => 99 - i);
    const labels = scores.map((_, i) => (i < 20 ? i % 5 !== 0 : i < 50 ? i % 5 < 2 : i % 10 === 0));
    expect(chooseThresholds(scores, labels)).toEqual({ high: 80, medium: 50 });
  });

  it("never splits equal scores between bands", () => {
    const scores = [...Array(50).fill(10), ...Array(50).fill(0), ...Array(100).fill(-5)];
    // 10 always converts, 0 in 40 %, -5 never: base 35 %; each score is one band of 50 or 100.
    const labels = scores.map((s, i) => (s === 10 ? true : s === 0 ? i % 5 < 2 : false));
    expect(chooseThresholds(scores, labels)).toEqual({ high: 10, medium: 0 });
  });

  it("gives High and Low tiers, never medium = high, when no band below high converts at the base rate", () => {
    // 80 records of a one-rule draft: 30 with the rule's 100 points (60 % convert), 50 with 0 (10 %).
    const scores = [...Array(30).fill(100), ...Array(50).fill(0)];
    const labels = scores.map((s, i) => (s === 100 ? i % 5 < 3 : i % 10 === 0));
    expect(chooseThresholds(scores, labels)).toEqual({
      tiers: [{ label: "High", from: 100 }, { label: "Low" }],
    });
  });
});

describe("rank metrics", () => {
  it("computes AUC with ties counting half", () => {
    expect(areaUnderCurve([3, 2, 1, 0], [true, true, false, false])).toBe(1);
    expect(areaUnderCurve([1, 1, 1, 1], [true, false, true, false])).toBe(0.5);
    expect(areaUnderCurve([2, 1, 1, 0], [true, true, false, false])).toBe(0.875);
  });

  it("gives conversion per tenth, decile 1 the top", () => {
    const scores = Array.from({ length: 20 }, (_, i) => i);
    const lift = liftByDecile(
      scores,
      scores.map((s) => s >= 18),
    );
    expect(lift[0]).toEqual({ decile: 1, records: 2, converted: 2, rate: 1 });
    expect(lift[9]).toEqual({ decile: 10, records: 2, converted: 0, rate: 0 });
  });
});

describe("splitHoldout", () => {
  it("holds out 30 % of each class, the same for the same seed", () => {
    const labels = Array.from({ length: 100 }, (_, i) => i < 40);
    const split = splitHoldout(labels, 9);
    expect(split.holdout.filter((i) => labels[i]).length).toBe(12);
    expect(split.holdout.length).toBe(30);
    expect([...split.training, ...split.holdout].sort((a, b) => a - b)).toEqual([...labels.keys()]);
    expect(splitHoldout(labels, 9)).toEqual(split);
    expect(splitHoldout(labels, 10)).not.toEqual(split);
  });
});
