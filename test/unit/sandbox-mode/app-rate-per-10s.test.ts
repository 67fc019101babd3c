import { describe, expect, it } from "vitest";
import { appRatePer10s } from "../../../src/sandbox-mode/app-rate-per-10s.js";

describe("the app's pace against the sandbox", () => {
  const pace = (hubspotRateLimitPer10s: number, ratePer10s: number) =>
    appRatePer10s({
      hubspotRateLimitPer10s,
      sandbox: { port: 0, seed: "small", ratePer10s, tier: "enterprise" },
    });

  it("keeps HUBSPOT_RATE_LIMIT_PER_10S under HubSpot's limit, and the sandbox's when it is lower", () => {
    expect(pace(100, 110)).toBe(100);
    expect(pace(100, 40)).toBe(40);
  });

  it("uses a sandbox raised past HubSpot's limit in the same share", () => {
    expect(pace(100, 11_000)).toBe(10_000);
  });
});
