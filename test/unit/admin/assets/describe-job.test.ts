import { describe, expect, it } from "vitest";
import { describeJob, formatDuration, formatWhen } from "../../../../src/admin/assets/describe-job.js";
import type { Job } from "../../../../src/ports/job-store.js";
import { createDummyJob } from "../../../fixtures/job.js";
import { createDummyEvidence } from "../../../fixtures/suggest/suggestion.js";

const job = (overrides: Partial<Job>): Job =>
  createDummyJob({ updatedAtMs: Date.UTC(2026, 11, 6, 14, 2, 30), ...overrides });

describe("formatDuration", () => {
  it("says seconds under a minute, minutes under an hour, then hours and minutes", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(60)).toBe("1 min");
    expect(formatDuration(12 * 60 + 20)).toBe("12 min");
    expect(formatDuration(2 * 3600 + 5 * 60)).toBe("2 h 5 min");
  });
});

const NOW = Date.UTC(2026, 11, 6, 15, 0);

describe("formatWhen", () => {
  it("says the time on the same UTC day, the date and time on another", () => {
    expect(formatWhen(Date.UTC(2026, 11, 6, 14, 2, 30), NOW)).toBe("14:02 UTC");
    expect(formatWhen(Date.UTC(2026, 11, 5, 9, 30), NOW)).toBe("2026-12-05 09:30 UTC");
  });
});

describe("describeJob", () => {
  it("shows a running job's count, rate and time left", () => {
    const text = describeJob(job({ progress: { done: 120, total: 3000, ratePerSec: 12.5, etaSec: 230 } }));
    expect(text).toBe("rescore running: 120 of 3,000 records (12.5/s, about 4 min left)");
  });

  it("says finishing when no time is left, and only the rate while the ETA is unknown", () => {
    expect(describeJob(job({ progress: { done: 2999, total: 3000, ratePerSec: 10, etaSec: 0 } }))).toContain(
      "(10/s, finishing)",
    );
    expect(describeJob(job({ progress: { done: 5, total: null, ratePerSec: 2.5, etaSec: null } }))).toBe(
      "rescore running: 5 records (2.5/s)",
    );
  });

  it("shows no rate for a job saved before rates were measured, nor once the job stopped running", () => {
    expect(describeJob(job({}))).toBe("rescore running: 120 of 3,000 records");
    const paused = job({
      status: "paused",
      progress: { done: 120, total: 3000, ratePerSec: 9, etaSec: 300 },
    });
    expect(describeJob(paused)).toBe("rescore paused: 120 of 3,000 records");
  });

  it("tells a finished rescore's last run: how many records, when, how many updated; a failed one's error", () => {
    const done = job({
      status: "done",
      progress: { done: 3000, total: 3000 },
      result: { evaluated: 3000, updated: 41 },
    });
    expect(describeJob(done, NOW)).toBe("rescored 3,000 records at 14:02 UTC: 41 updated");
    const failed = job({ status: "failed", error: "portal 62515 is disconnected" });
    expect(describeJob(failed, NOW)).toBe(
      "rescore failed at 14:02 UTC after 120 of 3,000 records — portal 62515 is disconnected",
    );
  });

  it("says when a preview finished, with no rescore counts for its figures", () => {
    const preview = job({ kind: "preview", status: "done", result: { scored: 10, buckets: [] } });
    expect(describeJob(preview, NOW)).toBe("preview done at 14:02 UTC: 120 of 3,000 records");
  });
});

describe("describeJob while waiting out HubSpot", () => {
  it("says from how many labelled records a suggestion drafted its score", () => {
    const result = { scoreId: "suggested-fit", evidence: createDummyEvidence() };
    expect(
      describeJob(job({ kind: "suggest", status: "done", progress: { done: 260, total: 260 }, result }), NOW),
    ).toBe("suggested a draft at 14:02 UTC from 120 labelled records");
  });

  it("says why and until when, without a rate that does not hold while it waits", () => {
    const waiting = job({
      progress: { done: 120, total: 3000, ratePerSec: 12.5, etaSec: 230 },
      waiting: { untilMs: Date.UTC(2026, 11, 6, 14, 5, 10), reason: "HubSpot's rate limit (429)" },
    });
    const text = describeJob(waiting);
    expect(text).toMatch(
      /^rescore running: 120 of 3,000 records — waiting for HubSpot until .+: HubSpot's rate limit \(429\)$/,
    );
    expect(text).not.toContain("/s");
  });
});
