import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../src/sandbox/rate-limiter.js";

describe("createRateLimiter", () => {
  it("keeps a rolling window per key: a refused call does not count, an aged-out one frees a slot", () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePer10s: 2, nowMs: () => now });
    expect(limiter.check("api", "p1")).toMatchObject({ allowed: true, remaining: 1 });
    now = 3_000;
    expect(limiter.check("api", "p1")).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.check("api", "p2")).toMatchObject({ allowed: true });
    expect(limiter.check("api", "p1")).toEqual({
      allowed: false,
      policyName: "TEN_SECONDLY_ROLLING",
      message: "You have reached your ten_secondly_rolling limit.",
      retryAfterSec: 7,
    });
    now = 10_000;
    expect(limiter.check("api", "p1")).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("limits search per second on its own lane", () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePer10s: 1, searchPerSecond: 2, nowMs: () => now });
    expect(limiter.check("api", "k").allowed).toBe(true);
    expect(limiter.check("search", "k").allowed).toBe(true);
    expect(limiter.check("search", "k").allowed).toBe(true);
    expect(limiter.check("search", "k")).toMatchObject({
      allowed: false,
      policyName: "SECONDLY",
      retryAfterSec: 1,
    });
    now = 1_000;
    expect(limiter.check("search", "k").allowed).toBe(true);
  });

  it("stays correct over many windows with a large limit", () => {
    let now = 0;
    const limiter = createRateLimiter({ ratePer10s: 5_000, nowMs: () => now });
    for (let i = 0; i < 50_000; i++) {
      now = i * 2; // 5 calls per 10 ms: 5,000 per 10 s exactly
      expect(limiter.check("api", "k").allowed).toBe(true);
    }
    expect(limiter.check("api", "k").allowed).toBe(false);
  });
});
