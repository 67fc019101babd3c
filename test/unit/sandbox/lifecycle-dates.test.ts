import { describe, expect, it } from "vitest";
import { lifecycleHistory, seededStage, withStageEntry } from "../../../src/sandbox/lifecycle-dates.js";

// What the sandbox calculates from lifecyclestage, as HubSpot does (docs/hubspot.md §Lifecycle stage history).

const DAY = 86_400_000;
const created = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

describe("seededStage", () => {
  it("walks a seeded record through each pipeline stage up to its own, evenly from creation to now", () => {
    expect(seededStage("marketingqualifiedlead", created, created + 30 * DAY)).toEqual({
      lifecyclestage: "marketingqualifiedlead",
      hs_v2_date_entered_subscriber: iso(created),
      hs_v2_date_exited_subscriber: iso(created + 10 * DAY),
      hs_v2_date_entered_lead: iso(created + 10 * DAY),
      hs_v2_date_exited_lead: iso(created + 20 * DAY),
      hs_v2_date_entered_marketingqualifiedlead: iso(created + 20 * DAY),
    });
  });

  it("dates 'other', outside the pipeline, at creation alone", () => {
    expect(seededStage("other", created, created + DAY)).toEqual({
      lifecyclestage: "other",
      hs_v2_date_entered_other: iso(created),
    });
  });
});

describe("withStageEntry", () => {
  it("dates a stage entered for the first time and the stage left, and keeps the first date of a stage entered again", () => {
    const now = created + DAY;
    expect(withStageEntry({ lifecyclestage: "lead" }, { lifecyclestage: "customer" }, now)).toEqual({
      lifecyclestage: "customer",
      hs_v2_date_entered_customer: iso(now),
      hs_v2_date_exited_lead: iso(now),
    });
    const before = { lifecyclestage: "other", hs_v2_date_entered_lead: iso(created) };
    expect(withStageEntry(before, { lifecyclestage: "lead" }, now)).toEqual({
      lifecyclestage: "lead",
      hs_v2_date_exited_other: iso(now),
    });
    expect(withStageEntry({}, { lifecyclestage: "lead" }, now)).toEqual({
      lifecyclestage: "lead",
      hs_v2_date_entered_lead: iso(now),
    });
    expect(withStageEntry({}, { jobtitle: "CTO" }, now)).toEqual({ jobtitle: "CTO" });
  });
});

describe("lifecycleHistory", () => {
  it("lists the stages entered, newest first", () => {
    const history = lifecycleHistory(seededStage("lead", created, created + 2 * DAY));
    expect(history).toEqual([
      { value: "lead", timestamp: iso(created + DAY), sourceType: "CRM_UI" },
      { value: "subscriber", timestamp: iso(created), sourceType: "CRM_UI" },
    ]);
  });
});
