import { describe, expect, it } from "vitest";
import { describeRule, resultFacts, testedIds } from "../../../../src/admin/assets/test-panel.js";
import type { ScoreResult } from "../../../../src/scoring/result.js";

// "Test a record" (docs/scoring.md §Result): the facts of a result, and each rule named in a line.

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

describe("describeRule", () => {
  it("names an event rule by its event and conditions", () => {
    expect(
      describeRule({
        event: "meeting",
        where: [
          { property: "hs_meeting_outcome", operator: "in", values: ["COMPLETED", "RESCHEDULED"] },
          { property: "hs_meeting_title", operator: "eq", value: "Demo" },
        ],
        points: 10,
      }),
    ).toBe("meeting where hs_meeting_outcome in COMPLETED, RESCHEDULED and hs_meeting_title eq Demo");
    expect(describeRule({ event: "call", points: 2 })).toBe("call");
  });

  it("names a property rule by its condition, with no operand for known/unknown", () => {
    expect(describeRule({ property: "num_employees", operator: "gte", value: 500, points: 5 })).toBe(
      "num_employees gte 500",
    );
    expect(describeRule({ property: "phone", operator: "known", points: 5 })).toBe("phone known");
  });
});
