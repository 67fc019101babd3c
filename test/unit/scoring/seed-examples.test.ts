import { describe, expect, it } from "vitest";
import {
  daysAgo,
  definition,
  engagementScore,
  event,
  fitScore,
  NOW,
  record,
  score,
} from "../../support/scoring-builders.js";
import { seedGroups } from "../../support/seed-groups.js";

// Every worked example of docs/scoring.md and the seed documents (shared/seeds/).

describe("docs/scoring.md §Groups and limits", () => {
  const def = definition({
    limits: { max: 100 },
    groups: seedGroups,
  });

  it("one booked meeting, two opens and three clicks give 10 + 19 = 29", () => {
    const at = daysAgo(3);
    const events = [
      event("meeting", at),
      event("marketing_email_open", at),
      event("marketing_email_open", at),
      ...[1, 2, 3].map(() => event("marketing_email_click", at)),
    ];
    expect(score(def, record({ events }))).toEqual({
      id: "101",
      score: 29,
      threshold: null,
      groups: [
        {
          name: "Engagement with sales",
          value: 10,
          rules: [
            { index: 0, value: 0, matches: 0 },
            { index: 1, value: 10, matches: 1 },
            { index: 2, value: 0, matches: 0 },
          ],
        },
        {
          name: "Engagement with marketing",
          value: 19,
          rules: [
            { index: 0, value: 0, matches: 0 },
            { index: 1, value: 4, matches: 2 },
            { index: 2, value: 15, matches: 3 },
          ],
        },
      ],
      nextChangeAt: null,
    });
  });

  it("clamps a group to its limit and the score to limits.max, saying so", () => {
    const events = Array.from({ length: 5 }, () => event("meeting_completed", daysAgo(1)));
    const result = score(
      { ...def, limits: { max: 90 } },
      record({ events: [...events, ...Array.from({ length: 9 }, () => event("cta_click", daysAgo(1)))] }),
    );
    expect(result.groups.map((g) => [g.value, g.limitHit])).toEqual([
      [60, true],
      [40, true],
    ]);
    expect(result.score).toBe(90);
    expect(result.limitHit).toBe(true);
    expect(score(def, record({ events })).limitHit).toBeUndefined();
  });
});

describe("docs/scoring.md §Decay", () => {
  const halvingMonthly = engagementScore([{ event: "form_submission", points: 10 }], {
    decay: { percent: 50, everyMonths: 1 },
  });
  it.each([
    [0, 10],
    [29.99, 10],
    [30, 5],
    [59.99, 5],
    [60, 0],
    [400, 0],
  ])("10 points at 50 %% per month, %s days old, give %s", (age, expected) => {
    expect(score(halvingMonthly, record({ events: [event("form_submission", daysAgo(age))] })).score).toBe(
      expected,
    );
  });

  it("2 points at 100 % per 3 months give 0 for an event 4 months old, 2 for one 89 days old", () => {
    const def = engagementScore([{ event: "marketing_email_open", points: 2 }], {
      decay: { percent: 100, everyMonths: 3 },
    });
    expect(score(def, record({ events: [event("marketing_email_open", daysAgo(120))] })).score).toBe(0);
    expect(score(def, record({ events: [event("marketing_email_open", daysAgo(89))] })).score).toBe(2);
  });

  it("everyDays: 30 decays exactly like everyMonths: 1, and everyDays: 7 steps weekly", () => {
    const byDays = engagementScore([{ event: "form_submission", points: 10 }], {
      decay: { percent: 50, everyDays: 30 },
    });
    const weekly = engagementScore([{ event: "form_submission", points: 10 }], {
      decay: { percent: 25, everyDays: 7 },
    });
    for (const age of [1, 30, 45, 61]) {
      const rec = record({ events: [event("form_submission", daysAgo(age))] });
      expect(score(byDays, rec).score).toBe(score(halvingMonthly, rec).score);
    }
    expect(score(weekly, record({ events: [event("form_submission", daysAgo(15))] })).score).toBe(5);
  });
});

describe("docs/scoring.md §Scoring several values: together or individually", () => {
  it("fit together: containsAny on a record property gives its points once even if both values match", () => {
    const def = fitScore([
      { property: "state", operator: "containsAny", values: ["Northeast", "Southwest"], points: 15 },
    ]);
    expect(score(def, record({ properties: { state: "Northeast;Southwest" } })).score).toBe(15);
  });

  it("fit individually: Northeast 15 + Midwest 10 = 25 for a company in both", () => {
    const def = fitScore([
      {
        property: "state",
        operator: "in",
        values: ["Northeast", "Midwest", "West"],
        pointsByValue: { Northeast: 15, Midwest: 10, West: 1 },
      },
    ]);
    const result = score(def, record({ properties: { state: "Northeast;Midwest" } }));
    expect(result.score).toBe(25);
    expect(result.groups[0]?.rules[0]).toEqual({ index: 0, value: 25, matches: 2 });
  });

  it("engagement together: containsAny on an event property is additive (5 + 5 = 10)", () => {
    const def = engagementScore([
      {
        event: "form_submission",
        where: [{ property: "form_name", operator: "containsAny", values: ["Contact us"] }],
        points: 5,
      },
    ]);
    const events = [
      event("form_submission", daysAgo(2), { form_name: "Contact us – sales" }),
      event("form_submission", daysAgo(1), { form_name: "Contact us – demo" }),
      event("form_submission", daysAgo(1), { form_name: "Newsletter" }),
    ];
    expect(score(def, record({ events })).score).toBe(10);
  });

  it("engagement individually: Contact form 5 + Newsletter form 2 = 7", () => {
    const def = engagementScore([
      {
        event: "form_submission",
        where: [{ property: "form_name", operator: "in", values: ["Contact form", "Newsletter"] }],
        pointsByValue: { "Contact form": 5, Newsletter: 2 },
      },
    ]);
    const events = [
      event("form_submission", daysAgo(2), { form_name: "Contact form" }),
      event("form_submission", daysAgo(1), { form_name: "Newsletter" }),
      event("form_submission", daysAgo(1), { form_name: "Other" }),
    ];
    expect(score(def, record({ events })).groups[0]?.rules[0]).toEqual({ index: 0, value: 7, matches: 2 });
  });

  it("a containsAny key scores an event whose value contains it; several keys add up", () => {
    const def = engagementScore([
      {
        event: "form_submission",
        where: [{ property: "form_name", operator: "containsAny", values: ["Contact us", "sales"] }],
        pointsByValue: { "Contact us": 5, sales: 3 },
      },
    ]);
    const events = [event("form_submission", daysAgo(1), { form_name: "Contact us – Sales" })];
    expect(score(def, record({ events })).score).toBe(8);
  });
});

describe("docs/scoring.md §Event rules: cap", () => {
  const capped = (cap: number) =>
    engagementScore([{ event: "meeting", points: 10, cap }], { decay: { percent: 50, everyMonths: 1 } });
  const events = [event("meeting", daysAgo(1)), event("meeting", daysAgo(2)), event("meeting", daysAgo(35))];

  it("limits a rule to N points, flagged as a cap hit", () => {
    expect(score(capped(20), record({ events })).groups[0]?.rules[0]).toEqual({
      index: 0,
      value: 20,
      matches: 3,
      capHit: true,
    });
  });
  it("applies to the decayed sum (10 + 10 + 5 = 25 stays under a cap of 30)", () => {
    expect(score(capped(30), record({ events })).groups[0]?.rules[0]).toEqual({
      index: 0,
      value: 25,
      matches: 3,
    });
  });
  it("bounds negative points too", () => {
    const def = engagementScore([{ event: "unsubscribe", points: -10, cap: 15 }]);
    const evs = [event("unsubscribe", daysAgo(1)), event("unsubscribe", daysAgo(2))];
    expect(score(def, record({ events: evs })).score).toBe(-15);
  });
});

describe("docs/scoring.md §Thresholds", () => {
  const combined = (fitPoints: number, meetings: number) =>
    score(
      definition({
        type: "combined",
        limits: { max: 100, min: -100 },
        thresholds: { fit: { high: 40, medium: 20 }, engagement: { high: 40, medium: 15 } },
        groups: [
          { name: "E", kind: "engagement", rules: [{ event: "meeting", points: 10 }] },
          { name: "F", kind: "fit", rules: [{ property: "jobtitle", operator: "known", points: fitPoints }] },
        ],
      }),
      record({
        properties: { jobtitle: "CTO" },
        events: Array.from({ length: meetings }, () => event("meeting", daysAgo(1))),
      }),
    );

  it.each([
    [40, 4, "A1"],
    [40, 2, "A2"],
    [45, 0, "A3"],
    [20, 4, "B1"],
    [25, 1, "B3"],
    [0, 5, "C1"],
    [10, 2, "C2"],
    [-30, 0, "C3"],
  ])("fit %s with %s meetings is %s", (fit, meetings, expected) => {
    expect(combined(fit, meetings).threshold).toBe(expected);
  });

  it("counts negative parts: −30 fit + 70 engagement = 40, with both parts reported", () => {
    const result = combined(-30, 7);
    expect([result.score, result.engagement, result.fit]).toEqual([40, 70, -30]);
  });

  it("high / medium / low, compared on the rounded score", () => {
    const def = (points: number) =>
      fitScore([{ property: "a", operator: "known", points }], { thresholds: { high: 70, medium: 40 } });
    const withA = record({ properties: { a: "x" } });
    expect(score(def(69.995), withA)).toMatchObject({ score: 70, threshold: "high" });
    expect(score(def(69.994), withA)).toMatchObject({ score: 69.99, threshold: "medium" });
    expect(score(def(39.99), withA).threshold).toBe("low");
    expect(score(fitScore([{ property: "a", operator: "known", points: 1 }]), withA).threshold).toBeNull();
  });

  it("custom tiers: the first tier whose from the score reaches, as its option value", () => {
    const tiers = {
      tiers: [{ label: "Very Hot!", from: 80, color: "RED" }, { label: "Warm", from: 40 }, { label: "Cold" }],
    };
    const def = (points: number) =>
      fitScore([{ property: "a", operator: "known", points }], { thresholds: tiers });
    const withA = record({ properties: { a: "x" } });
    expect([80, 79, 40, -5].map((p) => score(def(p), withA).threshold)).toEqual([
      "very_hot_",
      "warm",
      "warm",
      "cold",
    ]);
  });
});

describe("docs/scoring.md §Groups and limits: rounding half away from zero to 2 decimals", () => {
  it.each([
    [1.005, 1.01],
    [-1.005, -1.01],
    [2.675, 2.68],
    [0.125, 0.13],
    [0.1 + 0.2, 0.3],
    [1.004, 1],
  ])("%s is written as %s", (points, expected) => {
    const def = fitScore([{ property: "a", operator: "known", points }], { limits: {} });
    expect(score(def, record({ properties: { a: "x" } })).score).toBe(expected);
  });
});

describe("frequency, resets, scope and time", () => {
  const noMeeting = engagementScore([{ event: "meeting", frequency: { atMost: 0 }, points: 5 }]);

  it("atMost: 0 holds for a contact without events, undecayed", () => {
    expect(score(noMeeting, record()).score).toBe(5);
    expect(score(noMeeting, record({ events: [event("meeting", daysAgo(3))] })).score).toBe(0);
  });

  it("a frequency gives its points once, decayed by the age of the most recent matching event", () => {
    const def = engagementScore([{ event: "page_view", frequency: { atLeast: 3 }, points: 20 }], {
      decay: { percent: 50, everyMonths: 1 },
    });
    const views = (ages: number[]) => record({ events: ages.map((a) => event("page_view", daysAgo(a))) });
    expect(score(def, views([40, 50, 31])).score).toBe(10);
    expect(score(def, views([40, 50, 2])).score).toBe(20);
    expect(score(def, views([40, 2])).score).toBe(0);
  });

  it("a reset drops events strictly before it for that score only; atMost: 0 then holds again", () => {
    const resetAt = daysAgo(10);
    const events = [event("meeting", daysAgo(20)), event("meeting", resetAt)];
    const counting = engagementScore([{ event: "meeting", points: 10 }]);
    expect(score(counting, record({ events, resets: { "test-score": resetAt } })).score).toBe(10);
    expect(score(counting, record({ events, resets: { "other-score": resetAt } })).score).toBe(20);
    const onlyOld = [event("meeting", daysAgo(20))];
    expect(score(noMeeting, record({ events: onlyOld, resets: { "test-score": resetAt } })).score).toBe(5);
  });

  it("a reset leaves the fit part of a combined score alone", () => {
    const def = definition({
      type: "combined",
      groups: [
        { name: "E", kind: "engagement", rules: [{ event: "meeting", points: 10 }] },
        {
          name: "F",
          kind: "fit",
          rules: [{ property: "jobtitle", operator: "eq", value: "CTO", points: 30 }],
        },
      ],
    });
    const rec = record({
      properties: { jobtitle: "CTO" },
      events: [event("meeting", daysAgo(5))],
      resets: { "test-score": daysAgo(1) },
    });
    expect(score(def, rec)).toMatchObject({ score: 30, engagement: 0, fit: 30 });
  });

  it("a future event does not count yet; it is when the result changes next", () => {
    const def = engagementScore([{ event: "meeting", points: 10 }]);
    const result = score(def, record({ events: [event("meeting", daysAgo(-2))] }));
    expect(result.score).toBe(0);
    expect(result.nextChangeAt).toBe(new Date(Date.parse(NOW) + 2 * 86_400_000).toISOString());
  });

  it.each([
    [{ mode: "all", exclude: ["42"] }, ["7"], true],
    [{ mode: "all", exclude: ["42"] }, ["7", "42"], false],
    [{ mode: "lists", include: ["12"] }, ["12"], true],
    [{ mode: "lists", include: ["12"] }, ["13"], false],
    [{ mode: "lists", include: ["12"], exclude: ["42"] }, ["12", "42"], false],
  ])("records %j with lists %j: scored %s", (records, lists, scored) => {
    const def = definition({
      type: "combined",
      records,
      groups: [{ name: "E", kind: "engagement", rules: [{ event: "meeting", points: 10 }] }],
    });
    const result = score(def, record({ lists, events: [event("meeting", daysAgo(1))] }));
    if (scored) expect(result.score).toBe(10);
    else
      expect(result).toEqual({
        id: "101",
        score: null,
        engagement: null,
        fit: null,
        threshold: null,
        groups: [],
        nextChangeAt: null,
      });
  });
});

describe("more worked examples of the seed documents", () => {
  it("rules are independent: Hospitality 10 and Northeast 15 each count without the other (Swedish page)", () => {
    const def = fitScore(
      [
        { property: "industry", operator: "eq", value: "Hospitality", points: 10 },
        { property: "state", operator: "eq", value: "Northeast", points: 15 },
      ],
      { object: "companies" },
    );
    const company = (properties: Record<string, string>) => record({ object: "companies", properties });
    expect(score(def, company({ state: "Northeast" })).score).toBe(15);
    expect(score(def, company({ industry: "Hospitality" })).score).toBe(10);
    expect(score(def, company({ industry: "Hospitality", state: "Northeast" })).score).toBe(25);
  });

  it("engagement together: 5 if Contact us or Newsletter is submitted, 10 when both are (Swedish page)", () => {
    const def = engagementScore([
      {
        event: "form_submission",
        where: [{ property: "form_name", operator: "in", values: ["Contact us", "Newsletter"] }],
        points: 5,
      },
    ]);
    const one = [event("form_submission", daysAgo(1), { form_name: "Contact us" })];
    const both = [...one, event("form_submission", daysAgo(2), { form_name: "Newsletter" })];
    expect(score(def, record({ events: one })).score).toBe(5);
    expect(score(def, record({ events: both })).score).toBe(10);
  });

  it("individually: Northeast 15, Midwest 10, Southeast 8 give 15 for Northeast alone (Swedish page)", () => {
    const def = fitScore([
      {
        property: "state",
        operator: "in",
        values: ["Northeast", "Midwest", "Southeast"],
        pointsByValue: { Northeast: 15, Midwest: 10, Southeast: 8 },
      },
    ]);
    expect(score(def, record({ properties: { state: "Northeast" } })).score).toBe(15);
    expect(score(def, record({ properties: { state: "Southeast;Midwest" } })).score).toBe(18);
  });

  it("a form worth 1 point submitted five times, limited to 2 points, gives 2 (Dutch page)", () => {
    const def = engagementScore([{ event: "form_submission", points: 1, cap: 2 }]);
    const events = Array.from({ length: 5 }, (_, i) => event("form_submission", daysAgo(i + 1)));
    expect(score(def, record({ events })).score).toBe(2);
  });

  it("event attendance by list membership: 30 for the 2025 list, 15 for 2024 (Norwegian page)", () => {
    const def = fitScore([
      { property: "lists", operator: "inList", values: ["event-2025"], points: 30 },
      { property: "lists", operator: "inList", values: ["event-2024"], points: 15 },
    ]);
    expect(score(def, record({ lists: ["event-2025", "event-2024"] })).score).toBe(45);
    expect(score(def, record({ lists: ["event-2024"] })).score).toBe(15);
  });
});
