import { describe, expect, it } from "vitest";
import { DefinitionError, findDefinitionProblems, parseDefinition } from "../../../src/scoring/index.js";
import { definition, engagementScore, fitScore, type Json } from "../../support/scoring-builders.js";

const problems = (def: unknown) => findDefinitionProblems(def).map((p) => `${p.path}: ${p.message}`);
const fitGroup = { name: "F", kind: "fit", rules: [{ property: "a", operator: "known", points: 1 }] };
const engagementGroup = { name: "E", kind: "engagement", rules: [{ event: "meeting", points: 1 }] };

describe("parseDefinition", () => {
  it("fills in docs/scoring.md's defaults", () => {
    expect(parseDefinition(definition())).toMatchObject({
      status: "draft",
      limits: { max: 100 },
      records: { mode: "all", exclude: [] },
    });
    expect(parseDefinition(definition()).thresholds).toBeUndefined();
  });

  it("accepts both examples of docs/scoring.md §Formats", () => {
    const contactLead = definition({
      type: "combined",
      limits: { max: 100, min: -100 },
      records: { mode: "all", exclude: ["42"] },
      thresholds: { fit: { high: 40, medium: 20 }, engagement: { high: 40, medium: 15 } },
      groups: [
        {
          name: "Engagement with sales",
          kind: "engagement",
          limit: 60,
          decay: { percent: 50, everyMonths: 1 },
          rules: [
            {
              event: "meeting",
              where: [{ property: "hs_meeting_outcome", operator: "in", values: ["SCHEDULED"] }],
              points: 10,
            },
            {
              event: "form_submission",
              where: [{ property: "form_name", operator: "in", values: ["Contact us", "Newsletter"] }],
              pointsByValue: { "Contact us": 5, Newsletter: 2 },
              timeframe: { within: { amount: 90, unit: "days" } },
              cap: 20,
            },
          ],
        },
        {
          name: "Region and company",
          kind: "fit",
          rules: [
            { property: "state", operator: "containsAny", values: ["Northeast", "Southwest"], points: 15 },
            {
              property: "industry",
              operator: "in",
              values: ["Hospitality"],
              of: { association: "companies", labels: ["Primary"] },
              points: 10,
            },
          ],
        },
      ],
    });
    const companyEngagement = definition({
      object: "companies",
      status: "enabled",
      thresholds: { high: 70, medium: 40 },
      association: {
        labels: ["Decision maker"],
        where: [{ property: "lifecyclestage", operator: "neq", value: "customer" }],
        aggregation: "avg",
      },
      groups: [{ name: "Meetings", kind: "engagement", rules: [{ event: "meeting", points: 10, cap: 40 }] }],
    });
    expect(problems(contactLead)).toEqual([]);
    expect(problems(companyEngagement)).toEqual([]);
  });

  it("throws a DefinitionError whose message names every field path", () => {
    const bad = fitScore([{ property: "a", operator: "known", points: "5" }]);
    expect(() => parseDefinition(bad)).toThrow(DefinitionError);
    expect(() => parseDefinition(bad)).toThrow("groups[0].rules[0].points: expected a number");
  });

  it.each<[string, Json, string[]]>([
    ["required fields", { id: undefined, property: undefined }, ["id: required", "property: required"]],
    ["an empty group list", { groups: [] }, ["groups: must have at least 1 item(s)"]],
    [
      "a typo in a field",
      { groups: [{ ...engagementGroup, rules: [{ event: "meeting", pointz: 1 }] }] },
      [
        "groups[0].rules[0].pointz: unknown field",
        "groups[0].rules[0].points: expected a number (or pointsByValue)",
      ],
    ],
    ["an unknown object", { object: "tickets" }, ['object: expected "contacts" or "companies" or "deals"']],
    [
      "a fit group in an engagement score",
      { groups: [fitGroup] },
      ["groups[0].kind: engagement scores hold only engagement groups"],
    ],
    ["a non-combined deal score", { object: "deals" }, ['type: deal scores are "combined" only']],
    [
      "association on a contact score",
      { association: { aggregation: "sum" } },
      ["association: applies to company and deal scores only (contact scores read their own events)"],
    ],
    [
      "decay on a fit group",
      { type: "fit", groups: [{ ...fitGroup, decay: { percent: 10, everyMonths: 1 } }] },
      ["groups[0].decay: applies to engagement groups only"],
    ],
    [
      "a 2-month decay",
      { groups: [{ ...engagementGroup, decay: { percent: 10, everyMonths: 2 } }] },
      ["groups[0].decay.everyMonths: invalid value"],
    ],
    [
      "decay over 100 %",
      { groups: [{ ...engagementGroup, decay: { percent: 150, everyDays: 3 } }] },
      ["groups[0].decay.percent: must be at most 100"],
    ],
    [
      "thresholds out of order",
      { thresholds: { high: 10, medium: 20 } },
      ["thresholds.high: must be greater than or equal to medium"],
    ],
    [
      "combined thresholds on an engagement score",
      { thresholds: { fit: { high: 2, medium: 1 } } },
      [
        "thresholds.fit: only combined scores have fit and engagement thresholds",
        "thresholds.high: expected a number",
        "thresholds.medium: expected a number",
      ],
    ],
    [
      "tiers not descending",
      { thresholds: { tiers: [{ label: "A", from: 10 }, { label: "B", from: 20 }, { label: "C" }] } },
      ["thresholds.tiers[1].from: tiers are listed by descending from"],
    ],
    [
      "a last tier with from",
      { thresholds: { tiers: [{ label: "A", from: 10 }] } },
      ["thresholds.tiers[0].from: the last tier has no from (it takes the rest)"],
    ],
    [
      "limits min over max",
      { limits: { min: 10, max: 5 } },
      ["limits.min: must not be greater than limits.max"],
    ],
    [
      "an upper-case property name",
      { property: { name: "LS_x" } },
      ["property.name: use lowercase letters, digits and _; start with a letter (at most 81 characters)"],
    ],
    [
      "an hs_ property name",
      { property: { name: "hs_score" } },
      ['property.name: must not start with "hs_" (reserved by HubSpot)'],
    ],
  ])("refuses %s", (_name, overrides, expected) => {
    expect(problems(definition(overrides))).toEqual(expected);
  });

  it.each<[string, Json, string[]]>([
    [
      "points and pointsByValue together",
      {
        event: "f",
        where: [{ property: "n", operator: "in", values: ["A"] }],
        points: 1,
        pointsByValue: { A: 1 },
      },
      ["groups[0].rules[0].pointsByValue: give either points or pointsByValue, not both"],
    ],
    [
      "neither points nor pointsByValue",
      { event: "f" },
      ["groups[0].rules[0].points: expected a number (or pointsByValue)"],
    ],
    [
      "pointsByValue without one in/containsAny condition",
      { event: "f", pointsByValue: { A: 1 } },
      [
        'groups[0].rules[0].where: pointsByValue needs exactly one where condition with operator "in" or "containsAny"',
      ],
    ],
    [
      "a key that is not a value",
      {
        event: "f",
        where: [{ property: "n", operator: "in", values: ["A"] }],
        pointsByValue: { A: 1, B: 2 },
      },
      ["groups[0].rules[0].pointsByValue.B: is not one of the rule's values"],
    ],
    [
      "a value without points",
      { event: "f", where: [{ property: "n", operator: "in", values: ["A", "B"] }], pointsByValue: { A: 1 } },
      ['groups[0].rules[0].pointsByValue: has no points for the value "B"'],
    ],
    [
      "pointsByValue with frequency",
      {
        event: "f",
        where: [{ property: "n", operator: "in", values: ["A"] }],
        pointsByValue: { A: 1 },
        frequency: { atLeast: 1 },
      },
      ["groups[0].rules[0].pointsByValue: cannot be used with frequency"],
    ],
    [
      "a list operator on an event",
      { event: "f", where: [{ property: "n", operator: "inList", values: ["1"] }], points: 1 },
      ["groups[0].rules[0].where[0].operator: list operators apply to records, not to event properties"],
    ],
    [
      "a missing operand",
      { event: "f", where: [{ property: "n", operator: "in" }], points: 1 },
      ['groups[0].rules[0].where[0].values: required for operator "in"'],
    ],
    [
      "a text value for gt",
      { event: "f", where: [{ property: "n", operator: "gt", value: "x" }], points: 1 },
      ["groups[0].rules[0].where[0].value: expected a number"],
    ],
    [
      "a bad date",
      { event: "f", where: [{ property: "n", operator: "before", value: "soon" }], points: 1 },
      ["groups[0].rules[0].where[0].value: expected a date (ISO 8601 or epoch milliseconds)"],
    ],
    [
      "a reversed range",
      { event: "f", where: [{ property: "n", operator: "between", values: [5, 1] }], points: 1 },
      ["groups[0].rules[0].where[0].values: the first of the two numbers must not be after the second"],
    ],
    [
      "a timeframe without unit",
      { event: "f", timeframe: { within: { amount: 3 } }, points: 1 },
      ["groups[0].rules[0].timeframe.within.unit: required"],
    ],
    [
      "an unknown timeframe",
      { event: "f", timeframe: { during: 3 }, points: 1 },
      [
        'groups[0].rules[0].timeframe: expected {"within": {"amount", "unit"}}, {"before": date}, {"after": date} or {"between": [date, date]}',
      ],
    ],
    [
      "a negative cap",
      { event: "f", cap: -3, points: 1 },
      ["groups[0].rules[0].cap: must be greater than 0"],
    ],
    [
      "reading its own property",
      { event: "f", where: [{ property: "ls_test_threshold", operator: "known" }], points: 1 },
      ["groups[0].rules[0].where[0].property: a score may not read its own properties"],
    ],
  ])("refuses an event rule with %s", (_name, rule, expected) => {
    expect(problems(engagementScore([rule]))).toEqual(expected);
  });

  it("refuses a fit rule whose pointsByValue keys are not its values", () => {
    const rule = { property: "state", operator: "in", values: ["A"], pointsByValue: { B: 1 } };
    expect(problems(fitScore([rule]))).toEqual([
      "groups[0].rules[0].pointsByValue.B: is not one of the rule's values",
      'groups[0].rules[0].pointsByValue: has no points for the value "A"',
    ]);
  });

  it("says what a non-object is", () => {
    expect(problems(null)).toEqual([": expected an object"]);
  });
});
