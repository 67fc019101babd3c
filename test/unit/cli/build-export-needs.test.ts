import { describe, expect, it } from "vitest";
import { buildExportNeeds } from "../../../src/cli/build-export-needs.js";
import { parseDefinition } from "../../../src/scoring/index.js";
import { definition } from "../../support/scoring-builders.js";

// What `lead-score export` reads for the enabled scores: with --events (the contacts default) every
// engagement object and every stored feed, and still each event analytics type a rule counts, so the
// exported file scores offline as the portal does (docs/scoring.md §Event types).

const webScore = parseDefinition(
  definition({
    groups: [
      {
        name: "Web",
        kind: "engagement",
        rules: [
          { event: "page_view", points: 1, timeframe: { within: { amount: 30, unit: "days" } } },
          { event: "cta_click", points: 6 },
          {
            event: "meeting",
            where: [{ property: "hs_meeting_outcome", operator: "in", values: ["COMPLETED"] }],
            points: 5,
          },
        ],
      },
    ],
  }),
);

describe("buildExportNeeds", () => {
  it("keeps the event analytics types and their windows when --events widens the engagement objects", () => {
    const needs = buildExportNeeds([webScore], { properties: [], events: true });
    expect(needs.events).toEqual({
      properties: { meetings: ["hs_meeting_outcome"] },
      feeds: ["email_events", "form_submissions"],
      web: { cta_click: [null], page_view: [{ withinMs: 30 * 86_400_000 }] },
    });
  });

  it("reads only what the scores count with --no-events", () => {
    const needs = buildExportNeeds([webScore], { properties: ["city"], events: false });
    expect(needs.events).toEqual({
      objects: ["meetings"],
      properties: { meetings: ["hs_meeting_outcome"] },
      web: { cta_click: [null], page_view: [{ withinMs: 30 * 86_400_000 }] },
    });
    expect(needs.properties).toContain("city");
  });
});
