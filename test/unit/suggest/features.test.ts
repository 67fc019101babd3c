import { describe, expect, it } from "vitest";
import { parseSnapshot } from "../../../src/scoring/index.js";
import { buildEngagementCandidates } from "../../../src/suggest/engagement-candidates.js";
import { buildFitCandidates } from "../../../src/suggest/fit-candidates.js";
import { isExcludedProperty } from "../../../src/suggest/is-excluded-property.js";
import type { LabelledRecord } from "../../../src/suggest/label-records.js";
import { convertingValueGroup } from "../../../src/suggest/value-groups.js";

// docs/scoring.md §Suggested scores, "Features": which rules a suggestion weighs.

const dayMs = 86_400_000;
const atMs = Date.parse("2026-06-01T00:00:00Z");
const ago = (days: number) => new Date(atMs - days * dayMs).toISOString();
const shape = {
  object: "contacts" as const,
  type: "engagement" as const,
  naming: { id: "s", name: "S", propertyName: "ls_s" },
};

const record = (i: number, snapshot: object, converted = i % 2 === 0): LabelledRecord => ({
  snapshot: parseSnapshot({ id: String(i), object: "contacts", ...snapshot }),
  converted,
  atMs,
});
const records = (count: number, make: (i: number) => object) =>
  Array.from({ length: count }, (_, i) => record(i, make(i)));
const rulesOf = (candidates: { rule: object }[]) => candidates.map((c) => c.rule);

describe("fit features", () => {
  it("takes frequent values of text (`in`), quantile steps of numbers (`gte`) and presence (`known`)", () => {
    const training = records(100, (i) => ({
      properties: {
        industry: ["Software", "Retail", "Rare"][i < 95 ? i % 2 : 2],
        numberofemployees: String(i * 10),
        ...(i % 4 === 0 ? { phone_prefix: "+47" } : {}),
      },
    }));
    const rules = rulesOf(buildFitCandidates(training, "contacts"));
    expect(rules).toContainEqual({ property: "industry", operator: "in", values: ["Software"] });
    expect(rules).toContainEqual({ property: "industry", operator: "in", values: ["Retail"] });
    // Seen in 5 of 100: below the 10 records a feature needs.
    expect(rules).not.toContainEqual({ property: "industry", operator: "in", values: ["Rare"] });
    expect(rules).toContainEqual({ property: "numberofemployees", operator: "gte", value: 240 });
    expect(rules).toContainEqual({ property: "numberofemployees", operator: "gte", value: 890 });
    expect(rules).toContainEqual({ property: "phone_prefix", operator: "known" });
  });

  it("takes words that recur across spread text values (`containsAny`), twins merged, fillers and one-value words left out", () => {
    const titles = [
      "VP Sales",
      "vp of Marketing",
      "Head of Sales",
      "Head of Product",
      "Chief Executive Officer",
    ];
    const others = ["Chief Technology Officer", "Engineer", "Analyst", "Intern", "Consultant"];
    const training = records(100, (i) => ({ properties: { jobtitle: [...titles, ...others][i % 10] } }));
    const candidates = buildFitCandidates(training, "contacts");
    const words = candidates.filter((c) => JSON.stringify(c.rule).includes('"containsAny"'));
    expect(words.map((c) => c.feature).sort()).toEqual([
      "jobtitle contains Chief (always with Officer)",
      "jobtitle contains Head",
      "jobtitle contains Sales",
      "jobtitle contains VP",
    ]);
    expect(rulesOf(words)).toContainEqual({ property: "jobtitle", operator: "containsAny", values: ["VP"] });
    // Each title is still its own value (10 of 100 records).
    expect(rulesOf(candidates)).toContainEqual({
      property: "jobtitle",
      operator: "in",
      values: ["Engineer"],
    });
  });

  it("reads associated companies' properties for contacts", () => {
    const training = records(60, (i) => ({
      associations: {
        companies: [{ id: `co${i}`, properties: { country: i % 3 === 0 ? "Norway" : "Spain" } }],
      },
    }));
    expect(rulesOf(buildFitCandidates(training, "contacts"))).toContainEqual({
      property: "country",
      operator: "in",
      values: ["Norway"],
      of: { association: "companies" },
    });
  });

  it("leaves out leaks, ids, dates and values that identify records", () => {
    const training = records(100, (i) => ({
      properties: {
        lifecyclestage: i % 2 ? "lead" : "customer",
        hs_v2_date_entered_customer: ago(i),
        hs_lifecyclestage_customer_date: ago(i),
        ls_contact_fit: i,
        ls_contact_fit_threshold: i % 2 ? "high" : "low",
        combined: i,
        combined_threshold: "low",
        combined_fit: i % 3,
        hubspot_owner_id: String(i % 3),
        createdate: ago(i),
        email: `p${i}@example.com`,
        company_name: `Company ${i}`,
      },
    }));
    expect(buildFitCandidates(training, "contacts")).toEqual([]);
  });

  it("takes the portal's word for a property's kind and labels", () => {
    const training = records(60, (i) => ({ properties: { tier: String(i % 2) } }));
    const described = {
      tier: { kind: "enumeration" as const, label: "Tier", options: [{ value: "1", label: "Gold" }] },
    };
    const candidates = buildFitCandidates(training, "contacts", { properties: described });
    expect(rulesOf(candidates)).toContainEqual({ property: "tier", operator: "in", values: ["1"] });
    expect(candidates.map((c) => c.feature)).toContain("Tier is Gold");
  });

  it("recognises a combined score's parts by its threshold property", () => {
    const names = new Set(["lead", "lead_threshold", "lead_fit", "lead_engagement", "industry_fit"]);
    expect(
      ["lead", "lead_fit", "lead_engagement", "lead_threshold"].map((n) => isExcludedProperty(n, names)),
    ).toEqual([true, true, true, true]);
    expect(isExcludedProperty("industry_fit", names)).toBe(false);
  });
});

describe("engagement features", () => {
  it("counts each event type and frequent where values in the window that predicts best, as atLeast steps", () => {
    const training = records(100, (i) => ({
      events: [
        // Converters (even i) submitted the demo form within the last 7 days; others 60 days ago.
        { type: "form_submission", occurredAt: ago(i % 2 === 0 ? 3 : 60), properties: { form_name: "Demo" } },
        ...Array.from({ length: i % 5 }, () => ({
          type: "page_view",
          occurredAt: ago(20),
          properties: { path: "/x" },
        })),
      ],
    }));
    const candidates = buildEngagementCandidates(shape, training);
    expect(rulesOf(candidates)).toContainEqual({
      event: "form_submission",
      where: [{ property: "form_name", operator: "in", values: ["Demo"] }],
      timeframe: { within: { amount: 7, unit: "days" } },
      frequency: { atLeast: 1 },
    });
    // 1–4 views in 20 of 100 records each: steps at 1 and at the median, 75th and 90th percentiles (2, 3, 4);
    // the 30- and 90-day counts are equal, and the shorter window is kept.
    const pageViews = candidates.filter(
      (c) => (c.rule as { event: string }).event === "page_view" && !("where" in c.rule),
    );
    expect(pageViews.map((c) => c.rule)).toEqual([
      { event: "page_view", timeframe: { within: { amount: 30, unit: "days" } }, frequency: { atLeast: 1 } },
      { event: "page_view", timeframe: { within: { amount: 30, unit: "days" } }, frequency: { atLeast: 2 } },
      { event: "page_view", timeframe: { within: { amount: 30, unit: "days" } }, frequency: { atLeast: 3 } },
      { event: "page_view", timeframe: { within: { amount: 30, unit: "days" } }, frequency: { atLeast: 4 } },
    ]);
    expect(candidates.map((c) => c.feature)).toContain(
      "form_submission where form_name is Demo, at least once within 7 days",
    );
  });

  it("ignores events after the decision instant and older than 90 days", () => {
    const training = records(100, () => ({
      events: [
        { type: "meeting", occurredAt: ago(-1) },
        { type: "call", occurredAt: ago(91) },
      ],
    }));
    expect(buildEngagementCandidates(shape, training)).toEqual([]);
  });
});

describe("converting value groups", () => {
  it("groups the values converting above the base rate in both halves of the training records", () => {
    // 200 records over 5 titles; CEO and VP convert 60 % in both halves, Intern in one half only.
    const titles = ["CEO", "VP", "Intern", "Analyst", "Clerk"];
    const values = Array.from({ length: 200 }, (_, i) => [titles[Math.floor(i / 2) % 5] as string]);
    const converted = values.map(([title], i) => {
      const k = Math.floor(i / 10);
      if (title === "CEO" || title === "VP") return k % 5 < 3;
      if (title === "Intern") return i % 2 === 0 ? k % 5 < 4 : false;
      return k % 5 === 0;
    });
    expect(convertingValueGroup(values, converted, 10)).toEqual(["CEO", "VP"]);
    // One value above the base rate is that value's own `in` feature.
    const one = values.map(([title]) => [title === "VP" ? "CEO" : (title as string)]);
    expect(convertingValueGroup(one, converted, 10)).toBeNull();
  });
});
