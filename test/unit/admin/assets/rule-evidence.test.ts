import { describe, expect, it } from "vitest";
import { ruleEvidenceAt, rulePlace } from "../../../../src/admin/assets/rule-evidence.js";
import type { DraftDefinition, RuleEvidence } from "../../../../src/admin/assets/types.js";

// Which suggested rules still carry their evidence in the builder (docs/decisions.md §Evidence beside
// suggested rules): matched by place, held while the rule is as suggested.

const suggested: DraftDefinition = {
  id: "suggested-fit",
  name: "Suggested fit",
  object: "contacts",
  type: "fit",
  property: { name: "ls_suggested_fit" },
  groups: [
    {
      name: "Properties",
      kind: "fit",
      rules: [
        { property: "jobtitle", operator: "in", values: ["CTO", "VP"], points: 12 },
        { property: "numberofemployees", operator: "between", values: [50, 500], points: 6 },
      ],
    },
    {
      name: "Activity",
      kind: "engagement",
      rules: [{ event: "form_submission", timeframe: { within: { amount: 30, unit: "days" } }, points: 9 }],
    },
  ],
};
const conversion = { records: 10, converted: 4, rate: 0.4 };
const evidenceOf = (group: number, rule: number): RuleEvidence => ({
  group,
  rule,
  feature: `feature ${group}.${rule}`,
  points: 1,
  coefficient: 0.1,
  withFeature: conversion,
  withoutFeature: conversion,
});
/** The state of a rule as suggested: its evidence, for contacts. */
const held = (group: number, rule: number) => ({ evidence: evidenceOf(group, rule), object: "contacts" });
/** The rules of a group of a copy, for a test to edit. */
function rulesOf(definition: DraftDefinition, group: number) {
  const found = definition.groups[group];
  if (!found) throw new Error(`no group ${group}`);
  return found.rules as Record<string, unknown>[];
}
const suggestion = {
  evidence: { rules: [evidenceOf(0, 0), evidenceOf(0, 1), evidenceOf(1, 0)] },
  suggested,
  object: "contacts",
};

describe("ruleEvidenceAt", () => {
  it("gives each rule as suggested its own evidence, by its place", () => {
    const current = structuredClone(suggested);
    expect(ruleEvidenceAt(suggestion, current, 0, 1)).toEqual(held(0, 1));
    expect(ruleEvidenceAt(suggestion, current, 1, 0)).toEqual(held(1, 0));
  });

  it("ignores key order and the empty condition list an opened event rule gets", () => {
    const current = structuredClone(suggested);
    const rules = rulesOf(current, 1);
    const rule = rules[0] as { points?: number; event: string };
    rules[0] = {
      points: rule.points,
      where: [],
      event: rule.event,
      timeframe: { within: { unit: "days", amount: 30 } },
    };
    expect(ruleEvidenceAt(suggestion, current, 1, 0)).toEqual(held(1, 0));
  });

  it("says a rule was edited once its points, values or condition differ from the suggestion", () => {
    const current = structuredClone(suggested);
    const rules = rulesOf(current, 0);
    (rules[0] as { points: number }).points = 15;
    (rules[1] as { values: number[] }).values = [50, 1000];
    expect(ruleEvidenceAt(suggestion, current, 0, 0)).toEqual({ edited: true });
    expect(ruleEvidenceAt(suggestion, current, 0, 1)).toEqual({ edited: true });
    expect(ruleEvidenceAt(suggestion, current, 1, 0)).toEqual(held(1, 0));
  });

  it("marks as edited the rule that moved into a deleted rule's place, and gives none to added rules", () => {
    const current = structuredClone(suggested);
    const rules = rulesOf(current, 0);
    rules.splice(0, 1);
    rules.push({ property: "country", operator: "eq", value: "NL", points: 2 });
    expect(ruleEvidenceAt(suggestion, current, 0, 0)).toEqual({ edited: true });
    expect(ruleEvidenceAt(suggestion, current, 0, 2)).toBeNull();
  });
});

describe("rulePlace", () => {
  it("reads a rule's group and index from its path, and nothing from another path", () => {
    expect(rulePlace("groups[1].rules[12]")).toEqual([1, 12]);
    expect(rulePlace("groups[1].rules[0].where[0]")).toBeNull();
    expect(rulePlace("groups[1]")).toBeNull();
  });
});
