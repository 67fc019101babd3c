import { describe, expect, it } from "vitest";
import { decaySummary } from "../../../../src/admin/assets/builder-decay.js";
import { groupSummary } from "../../../../src/admin/assets/builder-groups.js";
import { propertyLabel, ruleSummary, valueLabel } from "../../../../src/admin/assets/rule-summary.js";
import type { DraftDefinition } from "../../../../src/admin/assets/types.js";

// A folded rule or group in one line (docs/decisions.md §Builder inputs are never replaced), on the
// example contact score as a HubSpot admin reads it.

// The groups of examples/contact-lead-score.json (this suite is typechecked for the browser: no fs).
const example: Pick<DraftDefinition, "groups"> = {
  groups: [
    {
      name: "Sales engagement",
      kind: "engagement",
      limit: 60,
      decay: { percent: 50, everyMonths: 1 },
      rules: [
        {
          event: "meeting",
          where: [{ property: "hs_meeting_outcome", operator: "in", values: ["COMPLETED"] }],
          points: 15,
        },
        {
          event: "meeting",
          where: [{ property: "hs_meeting_outcome", operator: "in", values: ["SCHEDULED"] }],
          points: 10,
        },
        {
          event: "meeting",
          where: [{ property: "hs_meeting_outcome", operator: "in", values: ["NO_SHOW"] }],
          points: -5,
        },
        {
          event: "call",
          where: [
            {
              property: "hs_call_disposition",
              operator: "in",
              values: ["f240bbac-87c9-4f6e-bf70-924b57d47db7"],
            },
          ],
          points: 5,
          cap: 20,
        },
        {
          event: "email",
          where: [{ property: "hs_email_direction", operator: "in", values: ["INCOMING_EMAIL"] }],
          points: 3,
          cap: 15,
        },
        { event: "task", points: 1, cap: 5 },
      ],
    },
    {
      name: "Role",
      kind: "fit",
      limit: 25,
      rules: [
        { property: "jobtitle", operator: "in", values: ["CEO", "CTO", "CFO"], points: 25 },
        { property: "jobtitle", operator: "containsAny", values: ["VP", "Head of", "Director"], points: 20 },
        { property: "jobtitle", operator: "containsAny", values: ["Manager"], points: 10 },
        { property: "jobtitle", operator: "in", values: ["Intern"], points: -10 },
      ],
    },
    {
      name: "Company and region",
      kind: "fit",
      rules: [
        { property: "numberofemployees", operator: "between", values: [50, 5000], points: 10 },
        {
          property: "industry",
          operator: "in",
          values: ["Computer Software", "Financial Services", "Telecommunications"],
          points: 10,
        },
        {
          property: "state",
          operator: "in",
          values: ["California", "New York", "Massachusetts", "Washington"],
          points: 5,
        },
        { property: "lifecyclestage", operator: "in", values: ["customer"], points: -15 },
      ],
    },
  ],
};
const [engagement, role, company] = example.groups;

describe("ruleSummary", () => {
  it("reads an event rule as its event, its conditions, its points and its cap", () => {
    expect(engagement?.rules.map(ruleSummary)).toEqual([
      "Meeting · outcome is Completed · +15",
      "Meeting · outcome is Scheduled · +10",
      "Meeting · outcome is No show · −5",
      "Call · disposition is f240bbac-87c9-4f6e-bf70-924b57d47db7 · +5 · at most 20",
      "Email · direction is Incoming email · +3 · at most 15",
      "Task · +1 · at most 5",
    ]);
  });

  it("reads a fit rule as its property, operator and values, then its points", () => {
    expect(role?.rules.map(ruleSummary)).toEqual([
      "Job title is any of CEO, CTO, CFO · +25",
      "Job title contains any of VP, Head of, Director · +20",
      "Job title contains any of Manager · +10",
      "Job title is Intern · −10",
    ]);
    expect(company?.rules.map(ruleSummary)).toEqual([
      "Number of employees is between 50 and 5000 · +10",
      "Industry is any of Computer Software, Financial Services, Telecommunications · +10",
      "State is any of California, New York, Massachusetts and 1 more · +5",
      "Lifecycle stage is customer · −15",
    ]);
  });

  it("says the timeframe, the frequency, points by value and what is still to fill in", () => {
    expect(
      ruleSummary({
        event: "form_submission",
        where: [{ property: "hs_form_title", operator: "containsAny", values: ["Demo", "Contact us"] }],
        timeframe: { within: { amount: 90, unit: "days" } },
        frequency: { atLeast: 2 },
        pointsByValue: { Demo: 8, "Contact us": 2 },
      }),
    ).toBe(
      "Form submission · Form title contains any of Demo, Contact us · in the last 90 days · at least 2 times · +2 to +8 by value",
    );
    expect(ruleSummary({ event: "", points: 0, frequency: { between: [1, 3] } })).toBe(
      "(no event type) · 1 to 3 times · +0",
    );
    expect(ruleSummary({ property: "", operator: "in", values: [] })).toBe(
      "(no property) is any of … · no points",
    );
    expect(
      ruleSummary({ property: "industry", operator: "known", points: 3, of: { association: "companies" } }),
    ).toBe("Associated companies: Industry is known · +3");
    expect(
      ruleSummary({
        event: "meeting",
        where: [{ property: "hs_meeting_outcome", operator: "eq", value: "NO_SHOW" }],
        points: -5,
      }),
    ).toBe("Meeting · outcome is No show · −5");
    expect(ruleSummary({ property: "country", operator: "neq", value: "France", points: 2 })).toBe(
      "Country is not France · +2",
    );
    expect(ruleSummary({ property: "closedate", operator: "before", value: "2026-01-31", points: 1 })).toBe(
      "Close date is before 2026-01-31 · +1",
    );
  });
});

describe("labels", () => {
  it("drops an event's own prefix, spells other names, and keeps acronyms and typed values", () => {
    expect(propertyLabel("hs_meeting_outcome", "meeting")).toBe("outcome");
    expect(propertyLabel("hs_meeting_outcome", "call")).toBe("Meeting outcome");
    expect(propertyLabel("jobtitle")).toBe("Job title");
    expect(propertyLabel("custom_tier")).toBe("Custom tier");
    expect(valueLabel("NO_SHOW")).toBe("No show");
    expect(valueLabel("COMPLETED")).toBe("Completed");
    expect(valueLabel("CEO")).toBe("CEO");
    expect(valueLabel("Head of")).toBe("Head of");
    expect(valueLabel(5000)).toBe("5000");
  });
});

describe("groupSummary", () => {
  it("names the group, its kind, limit, decay and how many rules it has", () => {
    expect(example.groups.map(groupSummary)).toEqual([
      "Sales engagement · engagement · limit 60 · halves every month · 6 rules",
      "Role · fit · limit 25 · 4 rules",
      "Company and region · fit · 4 rules",
    ]);
    expect(decaySummary({ percent: 20, everyDays: 30 })).toBe("−20% every 30 days");
    expect(decaySummary({ percent: 50, everyMonths: 3 })).toBe("halves every 3 months");
  });
});
