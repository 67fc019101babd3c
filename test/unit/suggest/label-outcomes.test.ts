import { describe, expect, it } from "vitest";
import { labelOutcome, labelOutcomes } from "../../../src/suggest/label-outcomes.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 8, 1, 9, 0, 0);
const NOW = T0 + 100 * DAY;

describe("labelOutcome", () => {
  it("labels converted a record that entered the end stage within the time frame, decided at its start", () => {
    expect(labelOutcome({ id: "1", startAtMs: T0, endAtMs: T0 + 3 * DAY }, 30, NOW)).toEqual({
      outcome: { id: "1", converted: true, atMs: T0 },
    });
  });

  it("counts an end stage reached exactly withinDays after the start as converted (inclusive end)", () => {
    expect(labelOutcome({ id: "1", startAtMs: T0, endAtMs: T0 + 30 * DAY }, 30, NOW)).toEqual({
      outcome: { id: "1", converted: true, atMs: T0 },
    });
    expect(labelOutcome({ id: "1", startAtMs: T0, endAtMs: T0 + 30 * DAY + 1 }, 30, NOW)).toEqual({
      outcome: { id: "1", converted: false, atMs: T0 },
    });
  });

  it("counts both stages entered at the same instant as converted (inclusive start)", () => {
    expect(labelOutcome({ id: "1", startAtMs: T0, endAtMs: T0 }, 30, NOW)).toMatchObject({
      outcome: { converted: true },
    });
  });

  it("labels not converted a record whose time frame is over without the end stage", () => {
    expect(labelOutcome({ id: "2", startAtMs: T0, endAtMs: null }, 30, NOW)).toEqual({
      outcome: { id: "2", converted: false, atMs: T0 },
    });
  });

  it("leaves out a record whose time frame ends exactly now, and labels it one millisecond later", () => {
    const entry = { id: "3", startAtMs: T0, endAtMs: null };
    expect(labelOutcome(entry, 30, T0 + 30 * DAY)).toEqual({ leftOut: "insideTimeFrame" });
    expect(labelOutcome(entry, 30, T0 + 30 * DAY + 1)).toMatchObject({ outcome: { converted: false } });
  });

  it("leaves out a record that never reached the start stage, even if it reached the end stage", () => {
    expect(labelOutcome({ id: "4", startAtMs: null, endAtMs: T0 }, 30, NOW)).toEqual({
      leftOut: "neverReachedStart",
    });
  });

  it("leaves out a record that reached the end stage before the start stage", () => {
    expect(labelOutcome({ id: "5", startAtMs: T0, endAtMs: T0 - 1 }, 30, NOW)).toEqual({
      leftOut: "reachedEndFirst",
    });
  });

  it("labels a late converter not converted even while its time frame would still be open by the clock", () => {
    // The end stage is entered after the time frame, so the answer is known whatever `now` says.
    expect(labelOutcome({ id: "6", startAtMs: T0, endAtMs: T0 + 31 * DAY }, 30, T0 + DAY)).toMatchObject({
      outcome: { converted: false },
    });
  });
});

describe("labelOutcomes", () => {
  it("labels page after page into the same counts", () => {
    const first = labelOutcomes(
      [
        { id: "1", startAtMs: T0, endAtMs: T0 + DAY },
        { id: "2", startAtMs: null, endAtMs: null },
      ],
      7,
      NOW,
    );
    const both = labelOutcomes(
      [
        { id: "3", startAtMs: T0, endAtMs: null },
        { id: "4", startAtMs: NOW - DAY, endAtMs: null },
        { id: "5", startAtMs: T0, endAtMs: T0 - DAY },
      ],
      7,
      NOW,
      first,
    );
    expect(both.outcomes.map((o) => [o.id, o.converted])).toEqual([
      ["1", true],
      ["3", false],
    ]);
    expect(both.leftOut).toEqual({ neverReachedStart: 1, insideTimeFrame: 1, reachedEndFirst: 1 });
  });
});
