import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/sandbox/retry-delay-ms.js";

describe("retryDelayMs", () => {
  it("doubles from the base delay up to the cap, before jitter", () => {
    const noJitter = () => 1;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseMs: 100, maxMs: 500 }, noJitter))).toEqual([
      100, 200, 400, 500,
    ]);
  });

  it("defaults to 1 s doubling, with a jitter that at most halves the delay", () => {
    expect(retryDelayMs(1, {}, () => 0)).toBe(500);
    expect(retryDelayMs(3, {}, () => 0.5)).toBe(3_000);
    expect(retryDelayMs(30, {}, () => 1)).toBe(3_600_000);
  });
});
