import { describe, expect, it } from "vitest";
import {
  aucDetail,
  aucSentence,
  labelledText,
  leftOutText,
  noSignalAdvice,
  recordWord,
  ruleEvidenceDetail,
  ruleEvidenceText,
  spanText,
  splitText,
  suggestionSentence,
  tooFewLabelsAdvice,
} from "../../../../src/admin/assets/suggest-sentences.js";
import type { RuleEvidence, SuggestionEvidence } from "../../../../src/admin/assets/types.js";
import { createDummyEvidence } from "../../../fixtures/suggest/suggestion.js";

// What a suggestion says in words (docs/scoring.md §Suggested scores).

const labels: Record<string, string> = {
  marketingqualifiedlead: "Marketing Qualified Lead",
  salesqualifiedlead: "Sales Qualified Lead",
};
const labelOf = (stage: string) => labels[stage] ?? stage;
const request = {
  object: "contacts" as const,
  type: "fit" as const,
  from: "marketingqualifiedlead",
  to: "salesqualifiedlead",
  withinDays: 30,
};
const dummy = createDummyEvidence();
const metrics: SuggestionEvidence["metrics"] = {
  ...dummy.metrics,
  auc: 0.7849,
  labelled: 1040,
  converted: 312,
  notConverted: 728,
  training: 728,
  holdout: 312,
  leftOut: {
    neverReachedStart: 40,
    inside_time_frame: 3,
    reachedEndFirst: 2,
    noSnapshot: 2,
    repeatedRecord: 1,
    other: 0,
  },
  from: "2026-05-02T10:00:00.000Z",
  until: "2026-11-01T08:00:00.000Z",
};
const rule: RuleEvidence = {
  ...(dummy.rules[0] as RuleEvidence),
  withFeature: { records: 212, converted: 87, rate: 87 / 212 },
  withoutFeature: { records: 828, converted: 100, rate: 100 / 828 },
};

describe("suggestionSentence", () => {
  it("says which records a fit suggestion compares, by the stages' labels, and what it reads of them", () => {
    expect(suggestionSentence(request, labelOf)).toBe(
      "lead-score compares the contacts that went from Marketing Qualified Lead to Sales Qualified Lead within 30 days " +
        "with those that did not, and drafts a fit score from what tells them apart: their properties and their " +
        "companies' as they were when they reached Marketing Qualified Lead. Contacts still within their 30 days " +
        "are left out; it needs at least 50, of which 25 converted and 25 did not. The draft changes nothing in " +
        "HubSpot until you enable it.",
    );
  });

  it("speaks of activity windows for an engagement score, and of companies for companies", () => {
    const text = suggestionSentence(
      { ...request, object: "companies", type: "engagement", withinDays: 1 },
      labelOf,
    );
    expect(text).toContain(
      "the companies that went from Marketing Qualified Lead to Sales Qualified Lead within 1 day with",
    );
    expect(text).toContain("drafts an engagement score from what tells them apart");
    expect(text).toContain("in the 7, 30 and 90 days before they reached Marketing Qualified Lead");
    expect(text).toContain("Companies still within their 1 day are left out");
  });

  it("asks for another stage to reach when both are the same, and for days when there are none", () => {
    expect(suggestionSentence({ ...request, to: request.from }, labelOf)).toBe(
      "Choose a stage to reach other than Marketing Qualified Lead.",
    );
    expect(suggestionSentence({ ...request, withinDays: Number.NaN }, labelOf)).toContain(
      "within the days you give with",
    );
  });
});

describe("the evidence in words", () => {
  it("tells the AUC as the share of converter/non-converter pairs ranked right, with the number", () => {
    expect(aucSentence(0.7849)).toBe("Ranks a converter above a non-converter 78\u00a0% of the time");
    expect(aucDetail(metrics, "contacts")).toBe(
      "AUC 0.78 on 312 held-out contacts; 50\u00a0% is a coin toss",
    );
  });

  it("counts the labelled records, the split, the time span and what was left out, most first", () => {
    expect(labelledText(metrics, "companies")).toBe("1,040 companies: 312 converted, 728 did not");
    expect(splitText(metrics)).toBe("728 to learn from, 312 held out to check it");
    expect(spanText(metrics, "Marketing Qualified Lead")).toBe(
      "reached Marketing Qualified Lead from 2026-05-02 to 2026-11-01 (UTC)",
    );
    expect(leftOutText(metrics.leftOut, request, labelOf)).toBe(
      "40 never reached Marketing Qualified Lead, 3 still inside their 30 days, 2 could not be read, " +
        "2 reached Sales Qualified Lead before Marketing Qualified Lead, 1 repeated record",
    );
    expect(leftOutText({}, request, labelOf)).toBe("none");
  });

  it("gives a rule's records and its conversion with versus without the feature", () => {
    expect(ruleEvidenceText(rule, "contacts")).toBe("212 contacts · 41\u00a0% vs 12\u00a0% converted");
    expect(ruleEvidenceDetail(rule, "contacts")).toBe(
      "212 of 1,040 contacts have it: 87 of them converted (41\u00a0%), 100 of the other 828 (12\u00a0%)",
    );
    const lone = {
      ...rule,
      withFeature: { records: 1, converted: 0, rate: 0 },
      withoutFeature: { records: 0, converted: 0, rate: null },
    };
    expect(ruleEvidenceText(lone, "companies")).toBe("1 company · 0\u00a0% vs — converted");
  });

  it("names records by object, one or many", () => {
    expect([recordWord("contacts", 1), recordWord("companies", 2), recordWord("deals", 2)]).toEqual([
      "contact",
      "companies",
      "records",
    ]);
  });

  it("says what to try when nothing tells converters apart: the other type, or other stages", () => {
    expect(noSignalAdvice(request)).toBe(
      "Try an engagement score for the same stages, or other stages: what the contacts were before does not foretell this move.",
    );
    expect(noSignalAdvice({ ...request, type: "engagement", object: "companies" })).toBe(
      "Try a fit score for the same stages, or other stages: what the companies did before does not foretell this move.",
    );
  });

  it("says what to try when too few records were labelled", () => {
    expect(tooFewLabelsAdvice(request, labelOf)).toBe(
      "Try a longer time frame than 30 days, or other stages: a start stage more contacts reach than Marketing " +
        "Qualified Lead, or an end stage more of them go on to than Sales Qualified Lead.",
    );
  });
});
