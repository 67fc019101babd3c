import { describe, expect, it } from "vitest";
import { enclosingPaths } from "../../../../src/admin/assets/problem-paths.js";

// A problem's message goes beside the nearest field of the form carrying its path
// (docs/decisions.md §One definition object).

describe("enclosingPaths", () => {
  it("goes from the field to each part that holds it, most specific first", () => {
    expect(enclosingPaths("groups[1].rules[0].points")).toEqual([
      "groups[1].rules[0].points",
      "groups[1].rules[0]",
      "groups[1].rules",
      "groups[1]",
      "groups",
    ]);
  });

  it("reaches a points-by-value key and a range end", () => {
    expect(enclosingPaths("groups[0].rules[2].pointsByValue.CTO")[1]).toBe(
      "groups[0].rules[2].pointsByValue",
    );
    expect(enclosingPaths("thresholds.tiers[1].from")).toContain("thresholds.tiers[1]");
  });

  it("stops at a top-level field, and takes a problem of the whole definition as is", () => {
    expect(enclosingPaths("name")).toEqual(["name"]);
    expect(enclosingPaths("")).toEqual([""]);
  });
});
