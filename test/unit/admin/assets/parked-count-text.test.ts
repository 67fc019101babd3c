import { describe, expect, it } from "vitest";
import { PARKED_LIMIT, parkedCountText } from "../../../../src/admin/assets/parked-count-text.js";
import type { ParkedEvent } from "../../../../src/admin/assets/types.js";

// The parked events of the portal overview (docs/decisions.md §Failures fail alone): the line above
// their table.

const parked = (n: number): ParkedEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    subscriptionType: "contact.propertyChange",
    objectType: "contact",
    objectId: i,
    occurredAt: "2026-12-01T00:00:00.000Z",
    parkedAt: "2026-12-01T00:05:00.000Z",
    attempts: 5,
    error: "HubSpot answered 500",
  }));

describe("parkedCountText", () => {
  it("says there are none, and why that is good news", () => {
    expect(parkedCountText([])).toBe(
      "No parked events: every webhook event was processed or is still being retried.",
    );
  });

  it("counts one or several", () => {
    expect(parkedCountText(parked(1))).toMatch(/^1 parked event: the worker gave up on it /);
    expect(parkedCountText(parked(3))).toMatch(/^3 parked events: the worker gave up on them /);
  });

  it("says it shows the oldest ones when the page asked for as many as it could get", () => {
    expect(parkedCountText(parked(PARKED_LIMIT))).toMatch(
      new RegExp(`^The oldest ${PARKED_LIMIT} parked events`),
    );
  });
});
