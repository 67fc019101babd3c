import { describe, expect, it } from "vitest";
import {
  formatTimeTick,
  niceStep,
  thresholdBands,
  thresholdLines,
  timeTicks,
  valueTicks,
} from "../../../../src/admin/assets/chart-scales.js";
import type { DraftDefinition } from "../../../../src/admin/assets/types.js";

// The admin page's chart scales (docs/decisions.md §Charts people read): round ticks, UTC time labels,
// threshold cut-offs.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("value ticks", () => {
  it("steps by 1, 2 or 5 times a power of ten and widens the range to round ends", () => {
    expect(niceStep(55, 4)).toBe(20);
    expect(niceStep(3, 4)).toBe(1);
    expect(valueTicks(3, 55)).toEqual({ v0: 0, v1: 60, ticks: [0, 20, 40, 60] });
    expect(valueTicks(0, 0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
  });
});

describe("time ticks", () => {
  it("puts ticks at whole hours within a day, naming the day on the first and where it changes", () => {
    const t0 = Date.UTC(2026, 11, 6, 20, 10);
    const ticks = timeTicks(t0, t0 + 8 * HOUR);
    expect(ticks.map((t) => t.label)).toEqual(["Dec 6 21:00", "Dec 7 00:00", "03:00"]);
  });

  it("labels days for weeks and adds the year past three months", () => {
    expect(formatTimeTick(Date.UTC(2026, 0, 5), 7 * DAY, false)).toBe("Jan 5");
    expect(formatTimeTick(Date.UTC(2026, 0, 5), 365 * DAY, false)).toBe("Jan 5 2026");
    const ticks = timeTicks(Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31));
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks.every((t) => t.atMs % DAY === 0)).toBe(true);
  });
});

describe("threshold lines", () => {
  const base: DraftDefinition = {
    object: "contacts",
    type: "engagement",
    property: { name: "ls" },
    groups: [],
  };

  it("gives high and medium of levels, highest first", () => {
    expect(thresholdLines({ ...base, thresholds: { medium: 20, high: 50 } })).toEqual([
      { label: "high", from: 50 },
      { label: "medium", from: 20 },
    ]);
  });

  it("gives every tier with a from, with its colour for CSS, and none for a combined score", () => {
    const tiers = [{ label: "Warm", from: 40 }, { label: "Hot", from: 80, color: "RED" }, { label: "Cold" }];
    expect(thresholdLines({ ...base, thresholds: { tiers } })).toEqual([
      { label: "Hot", from: 80, colour: "red" },
      { label: "Warm", from: 40 },
    ]);
    const combined = { ...base, type: "combined" as const, thresholds: { fit: { high: 10 } } };
    expect(thresholdLines(combined)).toEqual([]);
  });

  it("shades each threshold from its line to the next one up, clipped to the chart", () => {
    const lines = [
      { label: "high", from: 50 },
      { label: "medium", from: 20 },
    ];
    expect(thresholdBands(lines, 0, 60).map((b) => [b.label, b.lo, b.hi])).toEqual([
      ["high", 50, 60],
      ["medium", 20, 50],
    ]);
    expect(thresholdBands(lines, 0, 40).map((b) => b.label)).toEqual(["medium"]);
  });
});
