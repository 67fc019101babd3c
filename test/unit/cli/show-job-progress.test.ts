import { describe, expect, it } from "vitest";
import { renderJobProgress } from "../../../src/cli/show-job-progress.js";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const running = { status: "running", progress: { done: 1200, total: 5000, ratePerSec: 300, etaSec: 13 } };

describe("lead-score rescore's progress line", () => {
  it("shows the rate and time left while the job runs", () => {
    expect(renderJobProgress(running)).toEqual({
      counts: "1200/5000 records (24%)",
      pace: "300/s, about 13 s left",
    });
  });

  it("says until when and why while the job waits for HubSpot, instead of a stale rate", () => {
    const waiting = { ...running, waiting: { untilMs: T0 + 90_000, reason: "HubSpot's rate limit (429)" } };
    expect(renderJobProgress(waiting).pace).toBe(
      "waiting for HubSpot until 12:01:30 UTC (HubSpot's rate limit (429))",
    );
  });
});
