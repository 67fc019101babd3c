import { describe, expect, it } from "vitest";
import { generateConversions } from "../../../bench/generate-conversions.js";
import {
  compileScore,
  evaluateRecord,
  parseDefinition,
  parseSnapshot,
  type RecordSnapshot,
} from "../../../src/scoring/index.js";
import { type Outcome, type SuggestInput, suggestScore } from "../../../src/suggest/index.js";
import { areaUnderCurve } from "../../../src/suggest/rank-metrics.js";

// docs/scoring.md §Suggested scores: what suggestScore answers, whatever the process behind the labels.

const dayMs = 86_400_000;
const decisionMs = Date.parse("2026-06-01T00:00:00Z");

function generated(process: "fit" | "engagement", records: number, seed = 5) {
  const g = generateConversions({ records, seed, process });
  const outcomes: Outcome[] = g.outcomes.map((o) => ({
    id: o.id,
    converted: o.converted,
    atMs: Date.parse(o.at),
  }));
  return { records: g.snapshots.map(parseSnapshot), outcomes };
}

const input = (process: "fit" | "engagement", records = 600, seed = 1): SuggestInput => ({
  object: "contacts",
  type: process,
  seed,
  ...generated(process, records),
});

function labelled(count: number, converted: number, events: (i: number) => object[] = () => []) {
  const records: RecordSnapshot[] = [];
  const outcomes: Outcome[] = [];
  for (let i = 0; i < count; i++) {
    records.push(parseSnapshot({ id: `c${i}`, object: "contacts", properties: {}, events: events(i) }));
    outcomes.push({ id: `c${i}`, converted: i < converted, atMs: decisionMs });
  }
  return { records, outcomes };
}

describe("suggestScore", () => {
  it("refuses fewer than 50 labelled records, naming the counts", () => {
    const result = suggestScore({ object: "contacts", type: "fit", seed: 1, ...labelled(49, 25) });
    expect(result).toMatchObject({ ok: false, counts: { labelled: 49, converted: 25, notConverted: 24 } });
    expect(!result.ok && result.message).toMatch(
      /49 labelled \(25 converted, 24 not\).*at least 50.*at least 25/,
    );
  });

  it("refuses fewer than 25 of either class, whatever the total", () => {
    expect(suggestScore({ object: "contacts", type: "fit", seed: 1, ...labelled(200, 24) })).toMatchObject({
      ok: false,
      counts: { labelled: 200, converted: 24, notConverted: 176 },
    });
    expect(suggestScore({ object: "contacts", type: "fit", seed: 1, ...labelled(60, 36) })).toMatchObject({
      ok: false,
      counts: { converted: 36, notConverted: 24 },
    });
  });

  it("counts what it could not use: no outcome, no snapshot, another object, a repeated id", () => {
    const { records, outcomes } = input("fit", 600);
    const company = parseSnapshot({ id: "x1", object: "companies", properties: {} });
    const result = suggestScore({
      object: "contacts",
      type: "fit",
      seed: 1,
      records: [...records, company, records[0] as RecordSnapshot],
      outcomes: [
        ...outcomes.slice(1),
        { id: "ghost", converted: true, atMs: decisionMs },
        outcomes[1] as Outcome,
      ],
    });
    expect(result.ok && result.evidence.metrics.leftOut).toEqual({
      repeatedOutcome: 1,
      otherObject: 1,
      repeatedRecord: 1,
      noOutcome: 1,
      noSnapshot: 1,
    });
    expect(result.ok && result.evidence.metrics.labelled).toBe(599);
  });

  it.each(["fit", "engagement"] as const)(
    "emits a %s draft that parseDefinition accepts as it is",
    (type) => {
      const result = suggestScore(input(type));
      if (!result.ok) throw new Error(result.message);
      expect(parseDefinition(JSON.parse(JSON.stringify(result.definition)))).toEqual(result.definition);
      expect(result.definition).toMatchObject({
        type,
        status: "draft",
        object: "contacts",
        limits: { max: 100, min: -100 },
      });
      expect(result.definition.groups.every((g) => g.kind === type)).toBe(true);
      expect(result.definition.groups.reduce((sum, g) => sum + g.rules.length, 0)).toBeLessThanOrEqual(20);
      expect(result.definition.id).toBe(`suggested-contact-${type}`);
    },
  );

  it("gives the same draft and evidence for the same seed, whatever the order of the input", () => {
    const a = input("engagement", 600, 3);
    const b = { ...a, records: [...a.records].reverse(), outcomes: [...a.outcomes].reverse() };
    expect(suggestScore(b)).toEqual(suggestScore(a));
  });

  it("splits differently for another seed, keeping 30 % of each class held out", () => {
    const one = suggestScore(input("fit", 600, 1));
    const two = suggestScore(input("fit", 600, 2));
    if (!one.ok || !two.ok) throw new Error("expected drafts");
    expect(one.evidence.metrics.holdout).toBe(two.evidence.metrics.holdout);
    expect(one.evidence.metrics.auc).not.toBe(two.evidence.metrics.auc);
    const converted = one.evidence.metrics.converted;
    expect(one.evidence.lift.reduce((sum, d) => sum + d.converted, 0)).toBe(Math.round(converted * 0.3));
  });

  it("ignores events after the decision instant: a difference only there gives no draft", () => {
    const later = (i: number) =>
      i < 40 ? [{ type: "meeting", occurredAt: new Date(decisionMs + dayMs).toISOString() }] : [];
    const some = (i: number) => [
      { type: "page_view", occurredAt: new Date(decisionMs - (i % 3) * dayMs).toISOString() },
    ];
    const result = suggestScore({
      object: "contacts",
      type: "engagement",
      seed: 1,
      ...labelled(120, 40, (i) => [...later(i), ...some(i)]),
    });
    expect(result).toMatchObject({ ok: false, counts: { labelled: 120, converted: 40 } });
    expect(!result.ok && result.message).toMatch(/predicts conversion/);
  });

  it("ignores events before a reset of the draft's id, as the engine does", () => {
    const early = (i: number) =>
      i % 2 === 0 ? [{ type: "meeting", occurredAt: new Date(decisionMs - 5 * dayMs).toISOString() }] : [];
    const { records, outcomes } = labelled(200, 100, early);
    const reset = records.map((r) => ({
      ...r,
      resets: { "suggested-contact-engagement": decisionMs - dayMs },
    }));
    // Converters (ids c0..c99) have meetings every other record: a signal without the reset, none with it.
    expect(suggestScore({ object: "contacts", type: "engagement", seed: 1, records, outcomes }).ok).toBe(
      false,
    );
    const meetingConverts = outcomes.map((o, i) => ({ ...o, converted: i % 2 === 0 }));
    expect(
      suggestScore({ object: "contacts", type: "engagement", seed: 1, records, outcomes: meetingConverts })
        .ok,
    ).toBe(true);
    expect(
      suggestScore({
        object: "contacts",
        type: "engagement",
        seed: 1,
        records: reset,
        outcomes: meetingConverts,
      }).ok,
    ).toBe(false);
  });

  it("suggests company scores: engagement from associated contacts' events, fit from the company's properties", () => {
    const records: RecordSnapshot[] = [];
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 300; i++) {
      const converted = i % 2 === 0;
      const met = converted ? i % 10 !== 0 : i % 10 === 1;
      const meetings = met
        ? [{ type: "meeting", occurredAt: new Date(decisionMs - 3 * dayMs).toISOString() }]
        : [];
      const industry = (converted ? i % 10 !== 2 : i % 10 === 3) ? "Software" : "Retail";
      records.push(
        parseSnapshot({
          id: `co${i}`,
          object: "companies",
          properties: { industry },
          associations: { contacts: [{ id: `p${i}`, properties: {}, events: meetings }] },
        }),
      );
      outcomes.push({ id: `co${i}`, converted, atMs: decisionMs });
    }
    const engagement = suggestScore({ object: "companies", type: "engagement", seed: 1, records, outcomes });
    if (!engagement.ok) throw new Error(engagement.message);
    expect(engagement.definition.groups[0]?.rules[0]).toMatchObject({
      event: "meeting",
      frequency: { atLeast: 1 },
    });
    expect(engagement.definition.id).toBe("suggested-company-engagement");
    const fit = suggestScore({ object: "companies", type: "fit", seed: 1, records, outcomes });
    if (!fit.ok) throw new Error(fit.message);
    // Software and Retail are complements: either is the rule, with points of the right sign.
    const rule = fit.definition.groups[0]?.rules[0] as { property: string; values: string[]; points: number };
    expect(rule.property).toBe("industry");
    expect(rule.values[0] === "Software" ? rule.points > 0 : rule.points < 0).toBe(true);
  });

  it("reads the primary company's properties under the companies' own kinds and labels", () => {
    const records: RecordSnapshot[] = [];
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 400; i++) {
      const converted = i % 2 === 0;
      const industry = (converted ? i % 10 !== 2 : i % 10 === 3) ? "COMPUTER_SOFTWARE" : "RETAIL";
      // A third of the contacts also bill through a software company: any company's industry says less.
      const billing =
        i % 3 === 0
          ? [{ id: `b${i}`, labels: ["Billing"], properties: { industry: "COMPUTER_SOFTWARE" } }]
          : [];
      records.push(
        parseSnapshot({
          id: `p${i}`,
          object: "contacts",
          properties: { industry: "Computer Software" },
          associations: {
            companies: [{ id: `co${i}`, labels: ["Primary"], properties: { industry } }, ...billing],
          },
        }),
      );
      outcomes.push({ id: `p${i}`, converted, atMs: decisionMs });
    }
    const options = [
      { value: "COMPUTER_SOFTWARE", label: "Computer Software" },
      { value: "RETAIL", label: "Retail" },
    ];
    const result = suggestScore({
      object: "contacts",
      type: "fit",
      seed: 1,
      records,
      outcomes,
      properties: { industry: { kind: "text", label: "Contact industry" } },
      companyProperties: { industry: { kind: "enumeration", label: "Industry", options } },
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.definition.groups).toHaveLength(1);
    expect(result.definition.groups[0]).toMatchObject({
      name: "Primary company properties",
      rules: [
        { property: "industry", operator: "in", of: { association: "companies", labels: ["Primary"] } },
      ],
    });
    expect(result.evidence.rules[0]?.feature).toMatch(
      /^Industry \(primary company\) is (Computer Software|Retail)$/,
    );
  });

  it("reports evidence that agrees with the engine's scores of the labelled records", () => {
    const result = suggestScore(input("fit", 800));
    if (!result.ok) throw new Error(result.message);
    const { evidence, definition } = result;
    const { records, outcomes } = input("fit", 800);
    const score = compileScore(definition);
    const results = records.map((r, i) => evaluateRecord(score, r, (outcomes[i] as Outcome).atMs));
    for (const rule of evidence.rules) {
      const has = results.filter((r) => r.groups[rule.group]?.rules[rule.rule]?.value !== 0).length;
      expect(rule.withFeature.records).toBe(has);
      expect(rule.withFeature.records + rule.withoutFeature.records).toBe(800);
      const group = definition.groups[rule.group];
      expect(group?.rules[rule.rule]?.points).toBe(rule.points);
    }
    expect(evidence.tiers.map((t) => t.tier)).toEqual(["high", "medium", "low"]);
    expect(evidence.tiers.reduce((sum, t) => sum + t.records, 0)).toBe(evidence.metrics.holdout);
    expect(evidence.lift.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(evidence.lift.reduce((sum, d) => sum + d.records, 0)).toBe(evidence.metrics.holdout);
    expect(evidence.metrics.auc).toBeGreaterThan(0.6);
    const allScores = results.map((r) => r.score ?? 0);
    expect(
      areaUnderCurve(
        allScores,
        outcomes.map((o) => o.converted),
      ),
    ).toBeGreaterThan(0.6);
    expect(evidence.dropped.length).toBeGreaterThan(0);
    expect(evidence.metrics.from <= evidence.metrics.until).toBe(true);
  });
});
