import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogramBars, tierColour, tierOptionValue } from "../../../../src/admin/assets/preview-figures.js";
import type { DraftDefinition } from "../../../../src/admin/assets/types.js";
import { tierOptionValue as engineTierOptionValue } from "../../../../src/scoring/index.js";
import { summarizeDistribution } from "../../../../src/scoring/summarize-distribution.js";
import { compileThreshold } from "../../../../src/scoring/thresholds.js";

// "Preview distribution" (docs/scoring.md §Lifecycle): a bar per bucket of the engine's summary, and each
// threshold's count beside its tier's colour.

const size = { width: 560, height: 180, pad: 28 };

describe("tierOptionValue", () => {
  it("is the engine's option value for any label, so every tier finds its colour", () => {
    for (const label of ["Hot", "Very hot!", "Hot & warm", "  A+  ", "Ünïcode tier", "50/50"])
      expect(tierOptionValue(label)).toBe(engineTierOptionValue(label));
    fc.assert(fc.property(fc.string(), (label) => tierOptionValue(label) === engineTierOptionValue(label)));
  });
});

describe("tierColour", () => {
  const definition: DraftDefinition = {
    object: "contacts",
    type: "engagement",
    property: { name: "ls_lead" },
    groups: [],
    thresholds: {
      tiers: [
        { label: "Hot & ready", from: 80, color: "RED" },
        { label: "Warm", from: 40 },
        { label: "Cold", color: "BLUE" },
      ],
    },
  };

  it("gives the colour of the tier an option value stands for, lower-cased for CSS", () => {
    expect(tierColour(definition, engineTierOptionValue("Hot & ready"))).toBe("red");
    expect(tierColour(definition, "cold")).toBe("blue");
  });

  it("gives none to a tier without a colour, an unknown value, or levels", () => {
    expect(tierColour(definition, "warm")).toBeUndefined();
    expect(tierColour(definition, "lukewarm")).toBeUndefined();
    expect(tierColour({ ...definition, thresholds: { high: 70, medium: 40 } }, "high")).toBeUndefined();
  });
});

describe("histogramBars", () => {
  const buckets = [
    { from: 0, to: 10, count: 4 },
    { from: 10, to: 20, count: 0 },
    { from: 20, to: 30, count: 8 },
  ];

  it("draws the fullest bucket across the plot's height and the others in proportion", () => {
    const bars = histogramBars(buckets, size);
    const plot = size.height - size.pad * 2;
    expect(bars.map((b) => b.height)).toEqual([plot / 2, 0, plot]);
    for (const bar of bars) expect(bar.y + bar.height).toBe(size.height - size.pad);
  });

  it("lays the bars side by side within the plot, left to right in bucket order", () => {
    const bars = histogramBars(buckets, size);
    for (const [i, bar] of bars.entries()) {
      expect(bar.x).toBeGreaterThanOrEqual(size.pad);
      expect(bar.x + bar.width).toBeLessThanOrEqual(size.width - size.pad);
      const next = bars[i + 1];
      if (next) expect(bar.x + bar.width).toBeLessThan(next.x);
      expect(bar.centre).toBeGreaterThan(bar.x);
      expect(bar.centre).toBeLessThan(bar.x + bar.width);
    }
  });

  it("charts the engine's summary of a preview, whose thresholds find their tiers' colours", () => {
    const thresholds = {
      tiers: [
        { label: "Hot & ready", from: 80, color: "RED" },
        { label: "Cold", color: "BLUE" },
      ],
    };
    const thresholdOf = compileThreshold("engagement", thresholds);
    const acc = summarizeDistribution({ type: "engagement", thresholds, limits: { max: 100 } });
    for (const [i, score] of [5, 12, 12, 47, 85, 99].entries())
      acc.add({ id: String(i), score, threshold: thresholdOf(score, 0, 0), groups: [], nextChangeAt: null });
    const summary = acc.summary();
    const bars = histogramBars(summary.buckets, size);
    expect(bars).toHaveLength(summary.buckets.length);
    expect(Math.max(...bars.map((b) => b.height))).toBe(size.height - size.pad * 2);
    const definition: DraftDefinition = {
      object: "contacts",
      type: "engagement",
      property: { name: "ls_lead" },
      groups: [],
      thresholds,
    };
    expect(summary.thresholds.map((t) => [t.count, tierColour(definition, t.value)])).toEqual([
      [2, "red"],
      [4, "blue"],
    ]);
  });

  it("keeps every bar at least a pixel wide, and draws nothing tall for empty buckets", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ from: i, to: i + 1, count: 0 }));
    const bars = histogramBars(many, size);
    expect(bars.every((b) => b.width >= 1 && b.height === 0)).toBe(true);
  });
});
