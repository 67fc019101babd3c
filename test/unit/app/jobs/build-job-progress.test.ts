import { describe, expect, it } from "vitest";
import { buildJobProgress } from "../../../../src/app/jobs/build-job-progress.js";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const fresh = { startedAtMs: T0, doneAtStart: 0 };

describe("buildJobProgress", () => {
  it("measures records a second since the start and the seconds left at that rate", () => {
    expect(buildJobProgress({ done: 1_000, total: 5_000 }, fresh, T0 + 4_000)).toEqual({
      done: 1_000,
      total: 5_000,
      ratePerSec: 250,
      etaSec: 16,
    });
  });

  it("counts only this run's records after a resume, not those of the run before the restart", () => {
    const resumed = { startedAtMs: T0 + 60_000, doneAtStart: 3_000 };
    expect(buildJobProgress({ done: 3_500, total: 5_000 }, resumed, T0 + 65_000)).toMatchObject({
      ratePerSec: 100,
      etaSec: 15,
    });
  });

  it("rounds the rate to hundredths and the ETA up to whole seconds", () => {
    expect(buildJobProgress({ done: 100, total: 1_000 }, fresh, T0 + 3_000)).toMatchObject({
      ratePerSec: 33.33,
      etaSec: 28,
    });
  });

  it("has neither rate nor ETA before any time has passed", () => {
    expect(buildJobProgress({ done: 0, total: 10 }, fresh, T0)).toEqual({
      done: 0,
      total: 10,
      ratePerSec: null,
      etaSec: null,
    });
  });

  it("has a rate but no ETA while the total is unknown", () => {
    expect(buildJobProgress({ done: 200, total: null }, fresh, T0 + 2_000)).toMatchObject({
      ratePerSec: 100,
      etaSec: null,
    });
  });

  it("has no rate before this run's first records, and an ETA of 0 once done reaches the total", () => {
    expect(buildJobProgress({ done: 0, total: 10 }, fresh, T0 + 5_000)).toMatchObject({
      ratePerSec: null,
      etaSec: null,
    });
    const resumed = { startedAtMs: T0, doneAtStart: 3_000 };
    expect(buildJobProgress({ done: 3_000, total: 5_000 }, resumed, T0 + 5_000)).toMatchObject({
      ratePerSec: null,
    });
    expect(buildJobProgress({ done: 10, total: 10 }, fresh, T0)).toMatchObject({ etaSec: 0 });
  });

  it("answers an ETA of 0, not a negative one, when records created during the job pass the total", () => {
    expect(buildJobProgress({ done: 1_020, total: 1_000 }, fresh, T0 + 10_000)).toMatchObject({
      ratePerSec: 102,
      etaSec: 0,
    });
  });
});
