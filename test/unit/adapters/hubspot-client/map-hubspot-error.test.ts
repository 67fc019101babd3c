import { describe, expect, it } from "vitest";
import { isRetryable, mapHubSpotError } from "../../../../src/adapters/hubspot-client/map-hubspot-error.js";
import { backoffDelayMs, standardRetryPolicy } from "../../../../src/adapters/hubspot-client/retry-policy.js";
import { AppError } from "../../../../src/errors.js";

const apiException = (code: number, headers: Record<string, string> = {}) => ({
  code,
  body: { status: "error", message: "m", correlationId: "c-1", category: "X" },
  headers,
});

describe("mapHubSpotError", () => {
  it.each([
    [400, "invalid_input", false],
    [401, "unauthorized", false],
    [403, "forbidden", false],
    [404, "not_found", false],
    [409, "conflict", false],
    [429, "rate_limited", true],
    [500, "upstream_failed", true],
    [503, "upstream_failed", true],
  ] as const)("maps %i to %s (retryable: %s)", (status, code, retryable) => {
    const error = mapHubSpotError(apiException(status), "7", "op");
    expect(error).toMatchObject({ code, details: { status, correlationId: "c-1", portalId: "7" } });
    expect(isRetryable(error)).toBe(retryable);
  });

  it("reads Retry-After seconds and treats network failures as retryable upstream failures", () => {
    expect(mapHubSpotError(apiException(429, { "retry-after": "2" }), "7", "op").details.retryAfterSec).toBe(
      2,
    );
    const network = mapHubSpotError(
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      "7",
      "op",
    );
    expect(network).toMatchObject({ code: "upstream_failed", details: { status: null } });
    expect(isRetryable(network)).toBe(true);
  });

  it("passes an AppError through unchanged (a disconnected portal is not retried)", () => {
    const disconnected = new AppError("disconnected", "portal 7 is disconnected");
    expect(mapHubSpotError(disconnected, "7", "op")).toBe(disconnected);
    expect(isRetryable(disconnected)).toBe(false);
  });
});

describe("backoffDelayMs", () => {
  it("doubles per retry up to the ceiling, with jitter between half and all of it", () => {
    expect([1, 2, 3].map((n) => backoffDelayMs(n, standardRetryPolicy, () => 0))).toEqual([250, 500, 1000]);
    expect(backoffDelayMs(3, standardRetryPolicy, () => 1)).toBe(2000);
    expect(backoffDelayMs(20, standardRetryPolicy, () => 1)).toBe(30_000);
  });
});
