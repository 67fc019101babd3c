import { describe, expect, it } from "vitest";
import { parseDuration } from "../../../src/sandbox/parse-duration.js";

describe("parseDuration", () => {
  it.each([
    [5000, 5000],
    ["5000", 5000],
    ["90s", 90_000],
    ["15m", 900_000],
    ["3d", 259_200_000],
    ["1d12h", 129_600_000],
    ["1w", 604_800_000],
    ["PT2H", 7_200_000],
    ["P3D", 259_200_000],
    ["P1DT30M", 88_200_000],
    ["pt1.5s", 1_500],
  ])("reads %j as %i ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(["", "P", "PT", "P1DT", "3 days", "h", Number.NaN])(
    "refuses %j and names the accepted forms",
    (input) => {
      expect(() => parseDuration(input)).toThrow(/PT2H/);
    },
  );
});
