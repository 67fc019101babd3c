import { describe, expect, it } from "vitest";
import { sourceAdvice, warningLines } from "../../../../src/admin/assets/builder-sources.js";
import type { SourceStatusRow } from "../../../../src/admin/assets/types.js";

// The builder's marks on rules whose event types the portal cannot supply (docs/decisions.md §Sources
// status): what each status says and what it offers to do.

const statuses = new Map<string, SourceStatusRow>(
  (
    [
      { eventType: "meeting", source: "meetings", status: "available", detail: "read from meetings" },
      {
        eventType: "ticket",
        source: "tickets",
        status: "missing_scope",
        detail:
          "the portal did not grant the tickets scope: install the app again (/oauth/install) and accept it",
      },
      { eventType: "page_view", source: "event_analytics", status: "needs_enterprise", detail: "403" },
      {
        eventType: "form_submission",
        source: "form_submissions",
        status: "failing",
        detail: "HubSpot answered 500",
      },
    ] satisfies SourceStatusRow[]
  ).map((row) => [row.eventType, row]),
);

describe("sourceAdvice", () => {
  it("says nothing of an available source or a type the app does not know", () => {
    expect(sourceAdvice("meeting", statuses)).toBeNull();
    expect(sourceAdvice("pe1_unknown", statuses)).toBeNull();
  });

  it("offers the reinstall link for a missing scope, and the roll-up property fallback", () => {
    const advice = sourceAdvice("ticket", statuses);
    expect(advice).toMatchObject({
      status: "missing_scope",
      action: { href: "/oauth/install", label: "Install the app again to grant it" },
    });
    expect(advice?.text).toContain("tickets scope");
  });

  it("offers a roll-up property rule below Enterprise, named for the event type", () => {
    const advice = sourceAdvice("page_view", statuses);
    expect(advice?.status).toBe("needs_enterprise");
    expect(advice?.text).toContain("Enterprise");
    expect(advice?.text).toContain("hs_analytics_num_page_views ≥ 5");
    expect(advice).not.toHaveProperty("action");
  });

  it("says why a failing source scores nothing", () => {
    expect(sourceAdvice("form_submission", statuses)).toEqual({
      status: "failing",
      text: "This rule scores nothing while its source fails: HubSpot answered 500.",
    });
  });
});

describe("warningLines", () => {
  it("gives one line per warning of an answer, none when it has none", () => {
    expect(
      warningLines({
        revision: 2,
        warnings: [
          {
            code: "source_unavailable",
            eventType: "ticket",
            status: "missing_scope",
            message: "rules on ticket score nothing",
          },
        ],
      }),
    ).toEqual(["rules on ticket score nothing"]);
    expect(warningLines({ revision: 2 })).toEqual([]);
  });
});
