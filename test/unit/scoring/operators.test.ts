import { describe, expect, it } from "vitest";
import { fitScore, type Json, record, score } from "../../support/scoring-builders.js";

// docs/scoring.md §Property operators, one row per behaviour: [condition, property value, matches].
const rows: [string, Json, unknown, boolean][] = [
  ["eq matches exactly", { operator: "eq", value: "CTO" }, "CTO", true],
  ["eq is case-sensitive", { operator: "eq", value: "CTO" }, "cto", false],
  ["eq matches an option of a multi-select", { operator: "eq", value: "Midwest" }, "Northeast;Midwest", true],
  ["eq compares numbers as text", { operator: "eq", value: 5 }, 5, true],
  ["eq never matches unknown", { operator: "eq", value: "CTO" }, null, false],
  ["neq matches another value", { operator: "neq", value: "CTO" }, "CEO", true],
  ["neq matches an unknown value", { operator: "neq", value: "CTO" }, undefined, true],
  ["neq matches an empty string (unknown)", { operator: "neq", value: "CTO" }, "", true],
  ["neq does not match a multi-select holding the value", { operator: "neq", value: "A" }, "A;B", false],
  ["in matches any of", { operator: "in", values: ["CTO", "CEO"] }, "CEO", true],
  ["in is case-sensitive", { operator: "in", values: ["CTO"] }, "Cto", false],
  ["notIn matches none of", { operator: "notIn", values: ["CTO"] }, "CEO", true],
  ["notIn matches unknown", { operator: "notIn", values: ["CTO"] }, null, true],
  ["notIn fails when an option is listed", { operator: "notIn", values: ["B"] }, "A;B", false],
  [
    "containsAny is a case-insensitive substring",
    { operator: "containsAny", values: ["chief"] },
    "Chief Technology Officer",
    true,
  ],
  ["containsAny needs one substring", { operator: "containsAny", values: ["vp", "head"] }, "Engineer", false],
  ["notContainsAny", { operator: "notContainsAny", values: ["intern"] }, "Senior Engineer", true],
  [
    "notContainsAny fails on a substring",
    { operator: "notContainsAny", values: ["intern"] },
    "INTERN",
    false,
  ],
  ["notContainsAny matches unknown", { operator: "notContainsAny", values: ["intern"] }, undefined, true],
  ["known", { operator: "known" }, "x", true],
  ["known: empty string is unknown", { operator: "known" }, "", false],
  ["known: 0 is a value", { operator: "known" }, 0, true],
  ["unknown on null", { operator: "unknown" }, null, true],
  ["unknown on a value", { operator: "unknown" }, "x", false],
  ["gt on a number", { operator: "gt", value: 50 }, 51, true],
  ["gt is strict", { operator: "gt", value: 50 }, 50, false],
  ["gte on a numeric string", { operator: "gte", value: 50 }, "50", true],
  ["lt", { operator: "lt", value: 10 }, "9.5", true],
  ["lte", { operator: "lte", value: 10 }, 10, true],
  ["between is inclusive", { operator: "between", values: [10, 20] }, "20", true],
  ["between outside", { operator: "between", values: [10, 20] }, 21, false],
  ["a number operator on text does not match", { operator: "gt", value: 1 }, "many", false],
  ["a number operator on an empty string does not match", { operator: "lt", value: 1 }, "", false],
  ["a number operator never matches unknown", { operator: "lt", value: 1 }, null, false],
  ["before is strict", { operator: "before", value: "2026-01-01" }, "2026-01-01T00:00:00Z", false],
  ["before on ISO", { operator: "before", value: "2026-01-01" }, "2025-12-31T23:59:59Z", true],
  [
    "after on epoch milliseconds",
    { operator: "after", value: "2026-01-01" },
    String(Date.parse("2026-02-01")),
    true,
  ],
  ["after on a number of ms", { operator: "after", value: "2026-01-01" }, Date.parse("2025-02-01"), false],
  [
    "a date without a zone is UTC",
    { operator: "after", value: "2026-01-01T00:00:00Z" },
    "2026-01-01T00:00:01",
    true,
  ],
  [
    "betweenDates is inclusive",
    { operator: "betweenDates", values: ["2026-01-01", "2026-01-31"] },
    "2026-01-31",
    true,
  ],
  [
    "betweenDates outside",
    { operator: "betweenDates", values: ["2026-01-01", "2026-01-31"] },
    "2026-02-01",
    false,
  ],
  ["a date operator on text does not match", { operator: "before", value: "2026-01-01" }, "May 5", false],
];

describe("property operators", () => {
  it.each(rows)("%s", (_name, condition, value, matches) => {
    const def = fitScore([{ property: "p", points: 1, ...condition }]);
    const properties = value === undefined ? {} : { p: value };
    expect(score(def, record({ properties })).score).toBe(matches ? 1 : 0);
  });

  it.each([
    ["inList", ["12"], ["12", "13"], true],
    ["inList", ["12"], [], false],
    ["notInList", ["12"], ["13"], true],
    ["notInList", ["12"], ["12"], false],
  ])("%s %j on lists %j: %s", (operator, values, lists, matches) => {
    const def = fitScore([{ property: "lists", operator, values, points: 1 }]);
    expect(score(def, record({ lists })).score).toBe(matches ? 1 : 0);
  });
});

describe("event where filters", () => {
  it("requires every where condition (AND)", () => {
    const def = {
      ...fitScore([]),
      type: "engagement",
      groups: [
        {
          name: "Meetings",
          kind: "engagement",
          rules: [
            {
              event: "meeting",
              where: [
                { property: "hs_meeting_outcome", operator: "in", values: ["COMPLETED"] },
                { property: "hs_activity_type", operator: "eq", value: "Demo" },
              ],
              points: 10,
            },
          ],
        },
      ],
    };
    const at = "2026-11-01T00:00:00Z";
    const events = [
      {
        type: "meeting",
        occurredAt: at,
        properties: { hs_meeting_outcome: "COMPLETED", hs_activity_type: "Demo" },
      },
      {
        type: "meeting",
        occurredAt: at,
        properties: { hs_meeting_outcome: "COMPLETED", hs_activity_type: "Intro" },
      },
      {
        type: "meeting",
        occurredAt: at,
        properties: { hs_meeting_outcome: "NO_SHOW", hs_activity_type: "Demo" },
      },
    ];
    expect(score(def, record({ events })).score).toBe(10);
  });
});
