import { describe, expect, it } from "vitest";
import { compactHistoryEntries } from "../../../../src/app/pipeline/compact-history.js";
import type { HistoryEntry } from "../../../../src/ports/record-store.js";

const day = 86_400_000;
const entry = (atMs: number, value: string, property = "ls_lead"): HistoryEntry => ({
  property,
  old: null,
  new: value,
  threshold: null,
  atMs,
  cause: "webhook",
});

describe("compactHistoryEntries", () => {
  it("keeps every change after the cutoff and the last value per property and UTC day before it", () => {
    const cutoff = 100 * day;
    const entries = [
      entry(10 * day + 1_000, "1"),
      entry(10 * day + 2_000, "2"),
      entry(10 * day + 3_000, "9", "ls_other"),
      entry(11 * day, "3"),
      entry(100 * day - 1, "4"),
      entry(100 * day, "5"),
      entry(100 * day + 1, "6"),
    ];
    expect(compactHistoryEntries(entries, cutoff).map((e) => e.new)).toEqual(["2", "9", "3", "4", "5", "6"]);
  });

  it("changes nothing when every entry is younger than the cutoff", () => {
    const entries = [entry(5, "a"), entry(6, "b")];
    expect(compactHistoryEntries(entries, 0)).toEqual(entries);
  });
});
