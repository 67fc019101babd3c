import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScoreResult } from "../../../src/scoring/index.js";
import { summarizeDistribution } from "../../../src/scoring/summarize-distribution.js";

const result = (score: number | null, threshold: string | null = null): ScoreResult => ({
  id: "1",
  score,
  threshold,
  groups: [],
  nextChangeAt: null,
});
const engagement: Parameters<typeof summarizeDistribution>[0] = {
  type: "engagement",
  thresholds: undefined,
  limits: { max: 100 },
};

function summaryOf(scores: (number | null)[], score = engagement) {
  const distribution = summarizeDistribution(score);
  for (const s of scores) distribution.add(result(s));
  return distribution.summary();
}

describe("summarizeDistribution", () => {
  it("takes min/median/p90/max by nearest rank: an even count's median is the lower middle", () => {
    // 10 scores, shuffled: rank ⌈0.5 × 10⌉ = 5 → 5; rank ⌈0.9 × 10⌉ = 9 → 9.
    expect(summaryOf([7, 3, 10, 1, 9, 2, 8, 5, 4, 6])).toMatchObject({ min: 1, median: 5, p90: 9, max: 10 });
    // 11 scores: rank ⌈5.5⌉ = 6 → 6; rank ⌈9.9⌉ = 10 → 10.
    expect(summaryOf([11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toMatchObject({ median: 6, p90: 10, max: 11 });
    // 2 scores: the median is the first, p90 the second.
    expect(summaryOf([40.5, -3.25])).toMatchObject({ min: -3.25, median: -3.25, p90: 40.5, max: 40.5 });
  });

  it("keeps every score beyond its first allocation (exact percentiles over 5,000 records)", () => {
    const scores = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000); // 0..4999, shuffled
    expect(summaryOf(scores)).toMatchObject({ scored: 5000, min: 0, median: 2499, p90: 4499, max: 4999 });
  });

  it("counts out-of-scope results apart and leaves them out of every figure", () => {
    expect(summaryOf([null, 20, null, 10])).toMatchObject({
      scored: 2,
      outOfScope: 2,
      min: 10,
      median: 10,
      max: 20,
    });
  });

  it("gives null figures and no buckets when nothing was scored", () => {
    expect(summaryOf([null])).toEqual({
      scored: 0,
      outOfScope: 1,
      bucketWidth: null,
      buckets: [],
      thresholds: [],
      min: null,
      median: null,
      p90: null,
      max: null,
    });
  });

  it("counts thresholds in thresholdOptionValues order, zeros included", () => {
    const distribution = summarizeDistribution({
      type: "engagement",
      thresholds: { high: 70, medium: 40 },
      limits: { max: 100 },
    });
    for (const t of ["low", "high", "low", "low"]) distribution.add(result(1, t));
    distribution.add(result(null));
    expect(distribution.summary().thresholds).toEqual([
      { value: "high", count: 1 },
      { value: "medium", count: 0 },
      { value: "low", count: 3 },
    ]);
  });

  it("counts custom tiers by their option values, in the tiers' order", () => {
    const distribution = summarizeDistribution({
      type: "fit",
      thresholds: {
        tiers: [{ label: "Hot lead", from: 80 }, { label: "Warm", from: 40 }, { label: "Cold" }],
      },
      limits: { max: 100 },
    });
    distribution.add(result(90, "hot_lead"));
    distribution.add(result(10, "cold"));
    expect(distribution.summary().thresholds).toEqual([
      { value: "hot_lead", count: 1 },
      { value: "warm", count: 0 },
      { value: "cold", count: 1 },
    ]);
  });

  it("lists no thresholds for a score without them (every result's threshold is null)", () => {
    expect(summaryOf([5, 6]).thresholds).toEqual([]);
  });

  describe("histogram", () => {
    it("spans 0..max in 20 buckets of 5 for the default limits; max itself falls in the last", () => {
      const { bucketWidth, buckets } = summaryOf([0, 4.99, 5, 99.99, 100]);
      expect(bucketWidth).toBe(5);
      expect(buckets).toHaveLength(20);
      expect(buckets[0]).toEqual({ from: 0, to: 5, count: 2 });
      expect(buckets[1]).toEqual({ from: 5, to: 10, count: 1 });
      expect(buckets[19]).toEqual({ from: 95, to: 100, count: 2 });
    });

    it("spans min..max limits when both are set", () => {
      const { bucketWidth, buckets } = summaryOf([-100, -0.01, 0, 100], {
        ...engagement,
        limits: { min: -100, max: 100 },
      });
      expect(bucketWidth).toBe(10);
      expect(buckets.map((b) => b.from)).toEqual(Array.from({ length: 20 }, (_, i) => -100 + i * 10));
      expect(buckets.filter((b) => b.count > 0)).toEqual([
        { from: -100, to: -90, count: 1 },
        { from: -10, to: 0, count: 1 },
        { from: 0, to: 10, count: 1 },
        { from: 90, to: 100, count: 1 },
      ]);
    });

    it("spans the scores seen when the limits are absent, in decimal-exact buckets", () => {
      // 0.3 / 0.1 is 2.9999999999999996 in floating point: 0.3 must still land in [0.3, 0.4).
      const { bucketWidth, buckets } = summaryOf([0.3, 1.5], { ...engagement, limits: {} });
      expect(bucketWidth).toBe(0.1);
      expect(buckets).toHaveLength(15);
      expect(buckets[3]).toEqual({ from: 0.3, to: 0.4, count: 1 });
      expect(buckets[14]).toEqual({ from: 1.4, to: 1.5, count: 1 });
    });

    it("puts every score in the one bucket whose bounds hold it, 8 to 20 buckets for a real span", () => {
      const score = fc.integer({ min: -100_000, max: 100_000 }).map((cents) => cents / 100);
      fc.assert(
        fc.property(fc.array(score, { minLength: 1, maxLength: 200 }), (scores) => {
          const s = summaryOf(scores, { ...engagement, limits: {} });
          expect(s.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(scores.length);
          const last = s.buckets.length - 1;
          for (const [i, b] of s.buckets.entries()) {
            const inside = scores.filter((x) => x >= b.from && (x < b.to || (i === last && x === b.to)));
            expect(b.count).toBe(inside.length);
          }
          const sorted = [...scores].sort((a, b) => a - b);
          const rank = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1];
          expect([s.min, s.median, s.p90, s.max]).toEqual([sorted[0], rank(50), rank(90), sorted.at(-1)]);
          const span = Math.max(0, sorted.at(-1) as number) - Math.min(0, sorted[0] as number);
          if (span >= 1) expect(s.buckets.length).toBeGreaterThanOrEqual(8);
          expect(s.buckets.length).toBeLessThanOrEqual(20);
        }),
      );
    });
  });
});
