import { describe, expect, it } from "vitest";
import {
  changeOperator,
  OPERATORS,
  operandOf,
  setRangeEnd,
  takesTexts,
} from "../../../../src/admin/assets/builder-conditions.js";
import { decayInterval, setDecayInterval } from "../../../../src/admin/assets/builder-decay.js";
import { newDefinition } from "../../../../src/admin/assets/builder-definition.js";
import { cloneGroup, kindsFor, newGroup, withKind } from "../../../../src/admin/assets/builder-groups.js";
import {
  scoreEachValue,
  scoreValuesTogether,
  syncPointsByValue,
} from "../../../../src/admin/assets/builder-points.js";
import { filterKind, newFrequency, newTimeframe } from "../../../../src/admin/assets/builder-rule-filters.js";
import { groupPathOf, siblingRulePath } from "../../../../src/admin/assets/builder-rules.js";
import type { DraftCondition, DraftDefinition, DraftRule } from "../../../../src/admin/assets/types.js";
import { operators } from "../../../../src/scoring/condition-schema.js";
import { findDefinitionProblems } from "../../../../src/scoring/index.js";

// The builder's edits of rules and groups (docs/scoring.md §Property operators, §Timeframe,
// §Frequency, §Scoring several values, §Groups and limits), checked against the engine where it has
// the last word.

const withRule = (rule: DraftRule, kind: "engagement" | "fit" = "event" in rule ? "engagement" : "fit") => {
  const d: DraftDefinition = { ...newDefinition(), id: "s", name: "S", property: { name: "ls_s" } };
  d.type = kind;
  d.groups = [{ ...newGroup(kind), rules: [rule] }];
  return findDefinitionProblems(d);
};

describe("operators", () => {
  it("offers every operator of the engine, and no other", () => {
    expect(OPERATORS.map(([op]) => op).sort()).toEqual([...operators].sort());
  });

  it("gives each operator an operand the engine accepts once filled in", () => {
    const filled: Record<string, Partial<DraftCondition>> = {
      none: {},
      text: { value: "x" },
      texts: { values: ["x"] },
      number: { value: 3 },
      numberRange: { values: [1, 5] },
      date: { value: "2026-01-31" },
      dateRange: { values: ["2026-01-01", "2026-12-31"] },
    };
    for (const [operator] of OPERATORS) {
      const rule = { property: "p", operator, points: 1, ...filled[operandOf(operator)] };
      expect(withRule(rule), operator).toEqual([]);
    }
  });

  it("keeps the operand when the new operator takes the same kind, and clears it otherwise", () => {
    const c: DraftCondition = { property: "p", operator: "in", values: ["a", "b"] };
    changeOperator(c, "notIn");
    expect(c.values).toEqual(["a", "b"]);
    changeOperator(c, "gt");
    expect(c).toEqual({ property: "p", operator: "gt" });
    c.value = 3;
    changeOperator(c, "containsAny");
    expect(c).toEqual({ property: "p", operator: "containsAny", values: [] });
    expect(takesTexts("containsAny")).toBe(true);
    expect(takesTexts("between")).toBe(false);
  });

  it("keeps both ends of a range typed one after the other", () => {
    const c: DraftCondition = { property: "amount", operator: "between" };
    setRangeEnd(c, 0, 5);
    setRangeEnd(c, 1, 10);
    expect(c.values).toEqual([5, 10]);
    setRangeEnd(c, 0, undefined);
    expect(c.values).toEqual([undefined, 10]);
  });
});

describe("points by value", () => {
  it("gives each value the points the rule gave together, and back", () => {
    const rule: DraftRule = { property: "jobtitle", operator: "in", values: ["CTO", "CEO"], points: 15 };
    scoreEachValue(rule);
    expect(rule).toEqual({
      property: "jobtitle",
      operator: "in",
      values: ["CTO", "CEO"],
      pointsByValue: { CTO: 15, CEO: 15 },
    });
    expect(withRule(rule)).toEqual([]);
    rule.pointsByValue = { CTO: 20, CEO: 15 };
    scoreValuesTogether(rule);
    expect(rule).toEqual({ property: "jobtitle", operator: "in", values: ["CTO", "CEO"], points: 20 });
  });

  it("follows an edited list of values, keeping the points already given", () => {
    const rule: DraftRule = {
      property: "jobtitle",
      operator: "in",
      values: ["CTO", "CEO"],
      pointsByValue: { CTO: 20, CEO: 5 },
    };
    rule.values = ["CEO", "VP"];
    syncPointsByValue(rule);
    expect(rule.pointsByValue).toEqual({ CEO: 5, VP: 0 });
  });

  it("keys an event rule by its first where condition's values", () => {
    const rule: DraftRule = {
      event: "meeting",
      where: [{ property: "hs_meeting_outcome", operator: "in", values: ["COMPLETED", "RESCHEDULED"] }],
      points: 10,
    };
    scoreEachValue(rule);
    expect(rule.pointsByValue).toEqual({ COMPLETED: 10, RESCHEDULED: 10 });
    expect(withRule(rule)).toEqual([]);
  });
});

describe("event rule filters", () => {
  it("starts a relative timeframe and every frequency with values the engine accepts", () => {
    expect(withRule({ event: "meeting", points: 1, timeframe: newTimeframe("within") })).toEqual([]);
    for (const kind of ["exactly", "atLeast", "atMost", "between"] as const) {
      const frequency = newFrequency(kind);
      expect(filterKind(frequency)).toBe(kind);
      expect(withRule({ event: "meeting", points: 1, frequency }), kind).toEqual([]);
    }
  });

  it("leaves the dates of a dated timeframe to be typed, and removes a filter set to none", () => {
    expect(newTimeframe("between")).toEqual({ between: ["", ""] });
    expect(newTimeframe("before")).toEqual({ before: "" });
    expect(newTimeframe("")).toBeUndefined();
    expect(newFrequency("")).toBeUndefined();
    expect(filterKind(undefined)).toBe("");
  });
});

describe("groups", () => {
  it("allows the kinds of groups a score's type takes", () => {
    expect(kindsFor("engagement")).toEqual(["engagement"]);
    expect(kindsFor("fit")).toEqual(["fit"]);
    expect(kindsFor("combined")).toEqual(["engagement", "fit"]);
  });

  it("starts a group of another kind afresh, keeping only its name", () => {
    const g = withKind(
      { name: "Signals", kind: "engagement", limit: 30, rules: [{ event: "call", points: 2 }] },
      "fit",
    );
    expect(g).toEqual({ ...newGroup("fit"), name: "Signals" });
  });

  it("clones a group as a copy that shares nothing with it", () => {
    const g = newGroup("engagement");
    const copy = cloneGroup(g);
    expect(copy.name).toBe("Engagement (copy)");
    copy.rules.push({ event: "call", points: 1 });
    expect(g.rules).toHaveLength(1);
  });

  it("moves a decay between months and days, keeping its percent, as the engine accepts it", () => {
    const decay = { percent: 50, everyMonths: 1 };
    expect(decayInterval(decay)).toBe("1");
    setDecayInterval(decay, "days");
    expect(decay).toEqual({ percent: 50, everyDays: 30 });
    expect(decayInterval(decay)).toBe("days");
    setDecayInterval(decay, "6");
    expect(decay).toEqual({ percent: 50, everyMonths: 6 });
    const d: DraftDefinition = { ...newDefinition(), id: "s", name: "S", property: { name: "ls_s" } };
    d.groups = [{ ...newGroup("engagement"), decay }];
    expect(findDefinitionProblems(d)).toEqual([]);
  });
});

describe("rule paths", () => {
  it("names the rule beside one and the group around it, for focus after clone and delete", () => {
    expect(siblingRulePath("groups[1].rules[2]", 3)).toBe("groups[1].rules[3]");
    expect(groupPathOf("groups[1].rules[2]")).toBe("groups[1]");
  });
});
