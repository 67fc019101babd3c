import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  combinedGrid,
  edgeTicks,
  histogramBars,
  tierColour,
  tierOptionValue,
} from "../../../../src/admin/assets/preview-figures.js";
import type { DraftDefinition } from "../../../../src/admin/assets/types.js";
import { tierOptionValue as engineTierOptionValue } from "../../../../src/scoring/index.js";
import { summarizeDistribution } from "../../../../src/scoring/summarize-distribution.js";
import { compileThreshold } from "../../../../src/scoring/thresholds.js";

// "Preview distribution" (docs/scoring.md §Lifecycle): a bar per bucket of the engine's summary, and each
// threshold's count beside its tier's colour.

const margin = { top: 30, right: 20, bottom: 50, left: 56 };
const size = { width: 720, height: 270, margin };
const plot = size.height - margin.top - margin.bottom;
const bottom = size.height - margin.bottom;

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
    const { bars } = histogramBars(buckets, size);
    expect(bars.map((b) => b.height)).toEqual([plot / 2, 0, plot]);
    for (const bar of bars) expect(bar.y + bar.height).toBe(bottom);
  });

  it("measures bars against the count axis' round top, where its ticks put the same counts", () => {
    const { bars, countOf } = histogramBars(buckets, size, 10);
    expect(bars[2]?.y).toBe(countOf(8));
    expect(countOf(10)).toBe(margin.top);
    expect(countOf(0)).toBe(bottom);
  });

  it("places scores on the bars' axis: a threshold at a bucket edge falls between its bars", () => {
    const { bars, xOf } = histogramBars(buckets, size);
    expect(xOf(0)).toBe(margin.left);
    expect(xOf(30)).toBe(size.width - margin.right);
    const [first, second] = bars;
    expect(xOf(10)).toBeGreaterThan((first?.x ?? 0) + (first?.width ?? 0) - 1);
    expect(xOf(10)).toBeLessThan((second?.x ?? 0) + 1);
  });

  it("lays the bars side by side within the plot, left to right in bucket order", () => {
    const { bars } = histogramBars(buckets, size);
    for (const [i, bar] of bars.entries()) {
      expect(bar.x).toBeGreaterThanOrEqual(margin.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(size.width - margin.right);
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
    const { bars } = histogramBars(summary.buckets, size);
    expect(bars).toHaveLength(summary.buckets.length);
    expect(Math.max(...bars.map((b) => b.height))).toBe(plot);
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
    const { bars } = histogramBars(many, size);
    expect(bars.every((b) => b.width >= 1 && b.height === 0)).toBe(true);
  });
});

describe("edgeTicks", () => {
  it("labels every bucket edge when few, every k-th and the last when many", () => {
    const few = [
      { from: 0, to: 10, count: 1 },
      { from: 10, to: 20, count: 1 },
    ];
    expect(edgeTicks(few)).toEqual([0, 10, 20]);
    const many = Array.from({ length: 50 }, (_, i) => ({ from: i * 2, to: i * 2 + 2, count: 1 }));
    const ticks = edgeTicks(many);
    expect(ticks.length).toBeLessThanOrEqual(11);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(100);
  });
});

describe("combinedGrid", () => {
  it("lays A1..C3 out fit down, engagement across, with counts, shares and shades", () => {
    const values = ["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"];
    const grid = combinedGrid(values.map((value, i) => ({ value, count: value === "C3" ? 10 : i })));
    expect(grid.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      ["A1", "A2", "A3"],
      ["B1", "B2", "B3"],
      ["C1", "C2", "C3"],
    ]);
    expect(grid.rows.map((r) => r.label)).toEqual(["Fit high", "Fit medium", "Fit low"]);
    expect(grid.columns.map((c) => c.label)).toEqual([
      "Engagement high",
      "Engagement medium",
      "Engagement low",
    ]);
    const c3 = grid.rows[2]?.cells[2];
    expect(c3).toEqual({ value: "C3", count: 10, share: 10 / 38, weight: 1 });
    expect(grid.rows[0]?.cells[0]).toMatchObject({ count: 0, share: 0, weight: 0 });
  });

  it("shows zeros, not a division by nothing, when no record was counted", () => {
    const grid = combinedGrid([]);
    expect(grid.rows.flatMap((r) => r.cells).every((c) => c.count === 0 && c.share === 0)).toBe(true);
  });
});
