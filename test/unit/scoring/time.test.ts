import { describe, expect, it } from "vitest";
import {
  dayMs,
  daysAgo,
  engagementScore,
  event,
  type Json,
  nowMs,
  record,
  score,
} from "../../support/scoring-builders.js";

// docs/scoring.md §Event rules (timeframes) and the nextChangeAt known answers.

const iso = (ms: number) => new Date(ms).toISOString();
const meetings = (...ages: number[]) => record({ events: ages.map((a) => event("meeting", daysAgo(a))) });
const rule = (extra: Json) => engagementScore([{ event: "meeting", points: 10, ...extra }]);

describe("timeframes", () => {
  it.each([
    [{ within: { amount: 30, unit: "days" } }, [30, 31], 10],
    [{ within: { amount: 2, unit: "weeks" } }, [14, 15], 10],
    [{ within: { amount: 1, unit: "months" } }, [29, 31], 10],
    [{ within: { amount: 1, unit: "years" } }, [365, 366], 10],
    [{ before: daysAgo(10) }, [10, 11, 12], 20],
    [{ after: daysAgo(10) }, [10, 9, 1], 20],
    [{ between: [daysAgo(10), daysAgo(5)] }, [10, 5, 7, 4, 11], 30],
  ])("%j counts the right events", (timeframe, ages, expected) => {
    expect(score(rule({ timeframe }), meetings(...ages)).score).toBe(expected);
  });

  it("reads a date alone as midnight UTC", () => {
    const def = rule({ timeframe: { after: "2026-11-19" } });
    const rec = record({
      events: [event("meeting", "2026-11-19T00:00:00Z"), event("meeting", "2026-11-19T00:00:01Z")],
    });
    expect(score(def, rec).score).toBe(10);
  });
});

describe("nextChangeAt", () => {
  const decaying = engagementScore([{ event: "meeting", points: 10 }], {
    decay: { percent: 50, everyMonths: 1 },
  });

  it("a decay step at day 30 is occurredAt + 30 days", () => {
    const at = nowMs - 3 * dayMs;
    expect(score(decaying, record({ events: [event("meeting", iso(at))] })).nextChangeAt).toBe(
      iso(at + 30 * dayMs),
    );
  });

  it("after the first step the next is at day 60; once points reach 0 there is none", () => {
    const at = nowMs - 40 * dayMs;
    expect(score(decaying, record({ events: [event("meeting", iso(at))] })).nextChangeAt).toBe(
      iso(at + 60 * dayMs),
    );
    expect(score(decaying, meetings(61)).nextChangeAt).toBeNull();
  });

  it("within 30 days: the instant the oldest counted event leaves the window", () => {
    const oldest = nowMs - 20 * dayMs;
    const rec = record({ events: [event("meeting", iso(oldest)), event("meeting", daysAgo(2))] });
    const result = score(rule({ timeframe: { within: { amount: 30, unit: "days" } } }), rec);
    expect(result.nextChangeAt).toBe(iso(oldest + 30 * dayMs + 1));
    // …and at that instant the score does change.
    expect(
      score(rule({ timeframe: { within: { amount: 30, unit: "days" } } }), rec, oldest + 30 * dayMs + 1)
        .score,
    ).toBe(10);
  });

  it("no decay and no timeframe: null", () => {
    expect(score(rule({}), meetings(3, 50)).nextChangeAt).toBeNull();
  });

  it("the earliest of a decay step and a future event", () => {
    const future = nowMs + 5 * dayMs;
    const rec = record({
      events: [event("meeting", iso(nowMs - 28 * dayMs)), event("meeting", iso(future))],
    });
    expect(score(decaying, rec).nextChangeAt).toBe(iso(nowMs + 2 * dayMs));
    expect(score(rule({}), rec).nextChangeAt).toBe(iso(future));
  });

  it("a future event outside a before bound never arrives in the score", () => {
    const rec = record({ events: [event("meeting", daysAgo(-3))] });
    expect(score(rule({ timeframe: { before: daysAgo(-1) } }), rec).nextChangeAt).toBeNull();
    expect(score(rule({ timeframe: { before: daysAgo(-4) } }), rec).nextChangeAt).toBe(daysAgo(-3));
  });

  it("a future event that fails the where filter is no change", () => {
    const def = rule({ where: [{ property: "hs_meeting_outcome", operator: "eq", value: "COMPLETED" }] });
    const rec = record({ events: [event("meeting", daysAgo(-3), { hs_meeting_outcome: "SCHEDULED" })] });
    expect(score(def, rec).nextChangeAt).toBeNull();
  });

  it("is computed over associated contacts' events for company scores", () => {
    const at = nowMs - 10 * dayMs;
    const def = { ...decaying, object: "companies" };
    const company = record({
      object: "companies",
      associations: { contacts: [{ id: "1", events: [event("meeting", iso(at))] }] },
    });
    expect(score(def, company).nextChangeAt).toBe(iso(at + 30 * dayMs));
  });
});

describe("--explain", () => {
  it("lists each contributing event with its points before and after decay", () => {
    const def = engagementScore([{ event: "meeting", points: 10 }], {
      decay: { percent: 50, everyMonths: 1 },
    });
    const result = score(def, meetings(1, 45), nowMs, true);
    expect(result.groups[0]?.rules[0]?.events).toEqual([
      { type: "meeting", occurredAt: daysAgo(1), points: 10, afterDecay: 10 },
      { type: "meeting", occurredAt: daysAgo(45), points: 10, afterDecay: 5 },
    ]);
  });

  it("leaves events out without explain", () => {
    expect(score(rule({}), meetings(1)).groups[0]?.rules[0]).not.toHaveProperty("events");
  });
});
