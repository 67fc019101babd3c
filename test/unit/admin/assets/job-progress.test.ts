import { describe, expect, it } from "vitest";
import { estimateDone } from "../../../../src/admin/assets/job-progress.js";
import type { Job } from "../../../../src/ports/job-store.js";
import { createDummyJob } from "../../../fixtures/job.js";

// A running job's bar moves on smoothly between two reads, at the job's measured rate.

const job = (overrides: Partial<Job>): Job =>
  createDummyJob({ progress: { done: 100, total: 3000, ratePerSec: 50, etaSec: 58 }, ...overrides });

describe("estimateDone", () => {
  it("moves on at the job's rate between reads", () => {
    expect(estimateDone(job({}), 0)).toBe(100);
    expect(estimateDone(job({}), 500)).toBe(125);
  });

  it("runs at most two polls ahead of the last read, and never past the total", () => {
    expect(estimateDone(job({}), 60_000)).toBe(100 + 50 * 1.4);
    const nearlyDone = job({ progress: { done: 2990, total: 3000, ratePerSec: 50, etaSec: 0 } });
    expect(estimateDone(nearlyDone, 1000)).toBe(3000);
  });

  it("never goes back below what the bar shows, and stands still while waiting, paused or without a rate", () => {
    expect(estimateDone(job({}), 0, 140)).toBe(140);
    const waiting = job({ waiting: { untilMs: 1, reason: "HubSpot's rate limit (429)" } });
    expect(estimateDone(waiting, 1000)).toBe(100);
    expect(estimateDone(job({ status: "paused" }), 1000)).toBe(100);
    expect(estimateDone(job({ progress: { done: 100, total: 3000 } }), 1000)).toBe(100);
  });
});
