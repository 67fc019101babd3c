import { describe, expect, it } from "vitest";
import {
  eventColumns,
  eventLabel,
  matchesText,
  resultFacts,
  ruleLine,
  testedIds,
  valueText,
} from "../../../../src/admin/assets/test-panel.js";
import type { CatalogNames, PropertySource } from "../../../../src/admin/assets/types.js";
import type { ExplainedEvent, ScoreResult } from "../../../../src/scoring/result.js";

// "Test a record" (docs/scoring.md §Result): the facts of a result, each rule named in a line as the
// builder's folded rule names it, and why a rule lists fewer events than it matched.

const result = (overrides: Partial<ScoreResult>): ScoreResult => ({
  id: "309",
  score: 42,
  threshold: "medium",
  groups: [],
  nextChangeAt: "2026-12-20T09:30:00.000Z",
  ...overrides,
});

describe("testedIds", () => {
  it("lists the tested record and every contact whose events count, each once, for one names request each", () => {
    const event = (contact?: string) => ({
      type: "meeting",
      occurredAt: "2026-11-20T09:30:00.000Z",
      points: 10,
      afterDecay: 10,
      ...(contact ? { contact } : {}),
    });
    const company = result({
      id: "4242",
      groups: [
        {
          name: "Meetings",
          value: 30,
          rules: [
            { index: 0, value: 20, matches: 2, events: [event("7"), event("8")] },
            { index: 1, value: 10, matches: 1, events: [event("7"), event()] },
          ],
        },
        { name: "Fit", value: 0, rules: [{ index: 0, value: 0, matches: 0 }] },
      ],
    });
    expect(testedIds(company)).toEqual({ record: "4242", contacts: ["7", "8"] });
    expect(testedIds(result({}))).toEqual({ record: "309", contacts: [] });
  });
});

describe("resultFacts", () => {
  it("shows the score, its threshold and when it next changes", () => {
    expect(resultFacts(result({}))).toEqual([
      ["Score", "42"],
      ["Threshold", "medium"],
      ["Next change", "2026-12-20 09:30 UTC"],
    ]);
  });

  it("says a record out of scope has no score, and one without a coming change says so", () => {
    const facts = resultFacts(result({ score: null, threshold: null, nextChangeAt: null }));
    expect(facts).toEqual([
      ["Score", "out of scope"],
      ["Threshold", "—"],
      ["Next change", "none without new data"],
    ]);
  });

  it("shows a combined score's parts, a missing part as a dash", () => {
    const facts = resultFacts(result({ threshold: "B2", engagement: 30, fit: null }));
    expect(facts).toContainEqual(["Engagement part", "30"]);
    expect(facts).toContainEqual(["Fit part", "—"]);
  });
});

const CONNECTED = "f240bbac-87c9-4f6e-bf70-924b57d47db7";
// The builder's catalogs once loaded: a call outcome's and a list's names, an event type's label.
const labels = (source: PropertySource): CatalogNames => ({
  property: (name) => ({ hs_call_disposition: "Call outcome", lifecyclestage: "Lifecycle Stage" })[name],
  value: (condition, value) =>
    condition.operator === "inList"
      ? { "32": "Customers" }[value]
      : "event" in source
        ? { [CONNECTED]: "Connected" }[value]
        : { salesqualifiedlead: "Sales Qualified Lead" }[value],
  event: (type) => ({ call: "Call" })[type],
});

describe("ruleLine", () => {
  const call = {
    event: "call",
    where: [{ property: "hs_call_disposition", operator: "in" as const, values: [CONNECTED] }],
    frequency: { atLeast: 2 },
    points: 10,
  };

  it("names a rule by HubSpot's labels once the catalogs are loaded, as the folded builder rule does", () => {
    expect(ruleLine(call, 0, labels)).toBe("Call · Call outcome is Connected · at least 2 times · +10");
    expect(ruleLine({ property: "lists", operator: "inList", values: ["32"], points: 10 }, 1, labels)).toBe(
      "Is in one of the lists Customers · +10",
    );
    expect(
      ruleLine(
        { property: "lifecyclestage", operator: "in", values: ["salesqualifiedlead"], points: 10 },
        0,
        labels,
      ),
    ).toBe("Lifecycle Stage is Sales Qualified Lead · +10");
  });

  it("falls back to the internal values while the catalogs are not loaded, and to the rule's place without a rule", () => {
    expect(ruleLine(call, 0)).toBe(`Call · disposition is ${CONNECTED} · at least 2 times · +10`);
    expect(ruleLine({ property: "lists", operator: "inList", values: ["32"], points: 10 }, 1)).toBe(
      "Is in one of the lists 32 · +10",
    );
    expect(ruleLine(undefined, 2)).toBe("rule 3");
  });
});

const callAt = (occurredAt: string, contact?: string): ExplainedEvent => ({
  type: "call",
  occurredAt,
  points: 10,
  afterDecay: 10,
  ...(contact ? { contact } : {}),
});

describe("matchesText", () => {
  const everyCall = { event: "call", points: 10 };
  const twiceOrMore = { event: "call", frequency: { atLeast: 2 }, points: 10 };

  it("shows the count alone when every match is listed, and a fit rule's count as it is", () => {
    const events = [callAt("2026-10-20T10:00:00.000Z"), callAt("2026-10-01T10:00:00.000Z")];
    expect(matchesText({ index: 0, value: 20, matches: 2, events }, everyCall)).toBe("2");
    expect(matchesText({ index: 0, value: 5, matches: 1 }, { property: "phone", operator: "known" })).toBe(
      "1",
    );
  });

  it("says a frequency rule scores once, for its latest match, or not at all when the count misses", () => {
    const latest = [callAt("2026-10-20T10:00:00.000Z")];
    expect(matchesText({ index: 0, value: 10, matches: 2, events: latest }, twiceOrMore)).toBe(
      "2; points once, for the latest match",
    );
    expect(matchesText({ index: 0, value: 0, matches: 1, events: [] }, twiceOrMore)).toBe(
      "1; frequency not met: no points",
    );
  });

  it("counts a company rule's contacts, says each meeting contact scores once and how the value is combined", () => {
    const latest = [callAt("2026-10-20T10:00:00.000Z", "7")];
    const result = { index: 0, value: 10, matches: 3, contacts: 1, events: latest };
    expect(matchesText(result, twiceOrMore)).toBe(
      "3 (1 contact); points once per contact meeting the frequency, for its latest match",
    );
    expect(
      matchesText(
        {
          index: 0,
          value: 10,
          matches: 2,
          contacts: 2,
          events: [callAt("2026-10-20T10:00:00.000Z", "7"), callAt("2026-10-02T10:00:00.000Z", "8")],
        },
        everyCall,
        {
          aggregation: "avg",
        },
      ),
    ).toBe("2 (2 contacts); value is the average of the contacts'");
    expect(
      matchesText({ index: 0, value: 0, matches: 0, contacts: 0, events: [] }, everyCall, {
        aggregation: "max",
      }),
    ).toBe("0 (0 contacts)");
  });
});

describe("valueText", () => {
  it("names the cap that clamped a rule's value", () => {
    expect(valueText({ index: 0, value: 20, matches: 3, capHit: true }, { event: "meeting", cap: 20 })).toBe(
      "20 (cap of 20 reached)",
    );
    expect(valueText({ index: 0, value: -5, matches: 1 }, { event: "meeting", points: -5, cap: 20 })).toBe(
      "-5",
    );
    expect(valueText({ index: 0, value: 20, matches: 3, capHit: true }, undefined)).toBe("20 (cap reached)");
  });
});

describe("eventLabel", () => {
  it("names a listed event by its type's label, by its internal name until the catalog is loaded", () => {
    expect(eventLabel("call", labels)).toBe("Call");
    expect(eventLabel("form_submission", labels)).toBe("form_submission");
    expect(eventLabel("call")).toBe("call");
  });
});

describe("eventColumns", () => {
  it("names each event's contact only where the events are associated contacts' (company and deal scores)", () => {
    expect(eventColumns(false)).toEqual(["Event", "When", "Points", "After decay"]);
    expect(eventColumns(true)).toEqual(["Event", "When", "Contact", "Points", "After decay"]);
  });
});
