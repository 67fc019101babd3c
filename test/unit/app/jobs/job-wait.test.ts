import { describe, expect, it } from "vitest";
import { jobWaitFor, standardJobWaitPolicy } from "../../../../src/app/jobs/job-wait.js";
import { AppError } from "../../../../src/errors.js";

const wait = (error: unknown, attempt = 1, random = 1) =>
  jobWaitFor(error, attempt, standardJobWaitPolicy, () => random);
const upstream = (details: Record<string, unknown>) =>
  new AppError("upstream_failed", "HubSpot failed", details);

describe("jobWaitFor", () => {
  it("doubles the wait from 10 s and caps it at 5 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 12].map((n) => wait(upstream({ status: 502 }), n)?.waitMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
  });

  it("names what it waits for: 429, a timeout, a 5xx, an unreachable HubSpot", () => {
    expect(wait(new AppError("rate_limited", "429", { status: 429 }))?.reason).toBe(
      "HubSpot's rate limit (429)",
    );
    expect(wait(upstream({ status: null, reason: "timeout" }))?.reason).toBe(
      "HubSpot did not answer in time",
    );
    expect(wait(upstream({ status: 503 }))?.reason).toBe("HubSpot answered 503");
    expect(wait(upstream({ status: null }))?.reason).toBe("HubSpot could not be reached");
  });

  it("never waits on what waiting cannot cure", () => {
    expect(wait(new AppError("disconnected", "revoked", { reason: "invalid_grant" }))).toBeNull();
    expect(wait(new AppError("forbidden", "missing scope", { status: 403 }))).toBeNull();
    expect(wait(new AppError("invalid_input", "bad request", { status: 400 }))).toBeNull();
    expect(wait(upstream({ status: 400, path: "/oauth/2026-03/token" }))).toBeNull();
    // Score properties deleted in HubSpot and not re-creatable (write-scores.ts): no status at all.
    expect(wait(upstream({ parked: true }))).toBeNull();
    // A paging cursor HubSpot repeated (paging-cursors.ts): another try would loop again.
    expect(wait(upstream({ status: null, retryable: false, reason: "repeated_cursor" }))).toBeNull();
    expect(wait(new Error("a bug"))).toBeNull();
  });
});
