import { describe, expect, it } from "vitest";
import { daysAgo, definition, event, type Json, record, score } from "../../support/scoring-builders.js";

// docs/scoring.md §Companies and deals: association aggregation, and fit rules `of` associated records.

const contact = (id: string, meetings: number, extra: Json = {}) => ({
  id,
  labels: ["Decision maker"],
  properties: { lifecyclestage: "lead" },
  events: Array.from({ length: meetings }, () => event("meeting", daysAgo(1))),
  ...extra,
});

const companyScore = (association: Json | undefined, rule: Json = { event: "meeting", points: 10 }) =>
  definition({
    object: "companies",
    limits: {},
    ...(association ? { association } : {}),
    groups: [{ name: "Meetings", kind: "engagement", rules: [rule] }],
  });

const company = (contacts: Json[], extra: Json = {}) =>
  record({ id: "9", object: "companies", associations: { contacts }, ...extra });

describe("company engagement aggregated over associated contacts", () => {
  // A: 2 meetings (20), B: 1 meeting (10), C: none — C does not meet the rule's criteria.
  const contacts = [contact("A", 2), contact("B", 1), contact("C", 0)];

  it.each([
    ["sum", 30],
    ["avg", 15],
    ["min", 10],
    ["max", 20],
  ])("%s gives %s", (aggregation, expected) => {
    const result = score(companyScore({ aggregation }), company(contacts));
    expect(result.score).toBe(expected);
    expect(result.groups[0]?.rules[0]).toMatchObject({ matches: 3, contacts: 2 });
  });

  it("without an association block sums every associated contact", () => {
    expect(score(companyScore(undefined), company(contacts)).score).toBe(30);
  });

  it("counts only contacts with one of the labels that meet the contact conditions", () => {
    const mixed = [
      contact("A", 2),
      contact("B", 1, { labels: ["Billing"] }),
      contact("C", 4, { properties: { lifecyclestage: "customer" } }),
    ];
    const association = {
      labels: ["Decision maker"],
      where: [{ property: "lifecyclestage", operator: "neq", value: "customer" }],
      aggregation: "sum",
    };
    expect(score(companyScore(association), company(mixed)).score).toBe(20);
  });

  it("applies the cap once, to the aggregated value", () => {
    const result = score(
      companyScore({ aggregation: "sum" }, { event: "meeting", points: 10, cap: 25 }),
      company(contacts),
    );
    expect(result.groups[0]?.rules[0]).toMatchObject({ value: 25, capHit: true });
  });

  it("a contact meets an atMost: 0 rule without events; avg divides by the contacts that meet it", () => {
    const rule = { event: "meeting", frequency: { atMost: 0 }, points: 6 };
    const result = score(companyScore({ aggregation: "avg" }, rule), company(contacts));
    expect(result.groups[0]?.rules[0]).toMatchObject({ value: 6, contacts: 1 });
  });

  it("a contact whose points decayed to 0 still meets the rule, so min is 0", () => {
    const old = contact("old", 0, { events: [event("meeting", daysAgo(70))] });
    const def = definition({
      object: "companies",
      limits: {},
      association: { aggregation: "min" },
      groups: [
        {
          name: "M",
          kind: "engagement",
          decay: { percent: 50, everyMonths: 1 },
          rules: [{ event: "meeting", points: 10 }],
        },
      ],
    });
    expect(score(def, company([contact("A", 1), old])).score).toBe(0);
  });

  it("the company's own reset applies to its contacts' events; its own events are not used", () => {
    const resetAt = daysAgo(5);
    const rec = company(
      [contact("A", 0, { events: [event("meeting", daysAgo(10)), event("meeting", daysAgo(2))] })],
      {
        resets: { "test-score": resetAt },
        events: [event("meeting", daysAgo(1))],
      },
    );
    expect(score(companyScore(undefined), rec).score).toBe(10);
  });

  it("no qualifying contact: the rule gives 0", () => {
    expect(score(companyScore({ aggregation: "min" }), company([])).score).toBe(0);
  });

  it("deal combined scores read contacts' events and the deal's and associated records' properties", () => {
    const def = definition({
      object: "deals",
      type: "combined",
      thresholds: { fit: { high: 30, medium: 10 }, engagement: { high: 20, medium: 10 } },
      groups: [
        { name: "E", kind: "engagement", rules: [{ event: "meeting", points: 10 }] },
        {
          name: "F",
          kind: "fit",
          rules: [
            { property: "amount", operator: "gte", value: 10000, points: 20 },
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
    const deal = record({
      id: "d1",
      object: "deals",
      properties: { amount: "25000" },
      associations: {
        contacts: [contact("A", 1)],
        companies: [{ id: "9", labels: ["Primary"], properties: { industry: "Hospitality" } }],
      },
    });
    expect(score(def, deal)).toMatchObject({ score: 40, engagement: 10, fit: 30, threshold: "A2" });
  });
});

describe("fit rules on associated records", () => {
  const rule = (of: Json, operator = "in") => ({
    property: "industry",
    operator,
    values: ["Hospitality"],
    of,
    points: 10,
  });
  const fitOf = (r: Json) => definition({ type: "fit", groups: [{ name: "F", kind: "fit", rules: [r] }] });
  const withCompanies = (companies: Json[]) => record({ associations: { companies } });

  it("matches once if any associated record with one of the labels matches", () => {
    const companies = [
      { id: "1", labels: ["Primary"], properties: { industry: "Hospitality" } },
      { id: "2", labels: [], properties: { industry: "Hospitality" } },
    ];
    expect(
      score(fitOf(rule({ association: "companies", labels: ["Primary"] })), withCompanies(companies)).score,
    ).toBe(10);
    expect(score(fitOf(rule({ association: "companies" })), withCompanies(companies)).score).toBe(10);
    expect(
      score(fitOf(rule({ association: "companies", labels: ["Billing"] })), withCompanies(companies)).score,
    ).toBe(0);
  });

  it("never matches when there is no associated record, not even a negated operator", () => {
    expect(score(fitOf(rule({ association: "companies" }, "notIn")), withCompanies([])).score).toBe(0);
    expect(score(fitOf(rule({ association: "companies" }, "notIn")), record()).score).toBe(0);
  });
});
