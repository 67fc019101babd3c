import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayMs, type Json, nowMs, record, score } from "../../support/scoring-builders.js";

// Property-based checks of docs/scoring.md §Groups and limits–3 and monotonicity.

const points = fc.integer({ min: -5000, max: 5000 }).map((n) => n / 100);
const positiveMagnitude = fc.integer({ min: 1, max: 10000 }).map((n) => n / 100);

const ruleArb = (type: string, withFrequency: boolean) =>
  fc.record(
    {
      event: fc.constant(type),
      points,
      cap: fc.option(positiveMagnitude, { nil: undefined }),
      frequency: withFrequency
        ? fc.option(fc.constant({ atLeast: 2 }), { nil: undefined })
        : fc.constant(undefined),
    },
    { requiredKeys: ["event", "points"] },
  );

const definitionArb = (options: { decay: boolean; frequency: boolean }) =>
  fc
    .tuple(
      fc.array(
        fc.record({
          ruleCount: fc.integer({ min: 1, max: 4 }),
          limit: fc.option(positiveMagnitude, { nil: undefined }),
          decay: options.decay
            ? fc.option(
                fc.record({
                  percent: fc.integer({ min: 1, max: 100 }),
                  everyDays: fc.integer({ min: 1, max: 90 }),
                }),
                { nil: undefined },
              )
            : fc.constant(undefined),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      fc.option(fc.integer({ min: -200, max: 0 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    )
    .chain(([groups, min, max]) =>
      fc
        .tuple(
          ...groups.map((g, gi) =>
            fc.tuple(
              ...Array.from({ length: g.ruleCount }, (_, ri) => ruleArb(`t${gi}_${ri}`, options.frequency)),
            ),
          ),
        )
        .map((rules) => ({
          id: "prop",
          name: "Property test",
          object: "contacts",
          type: "engagement",
          property: { name: "ls_prop" },
          limits: { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) },
          groups: groups.map((g, gi) => ({
            name: `G${gi}`,
            kind: "engagement",
            ...(g.limit === undefined ? {} : { limit: g.limit }),
            ...(g.decay === undefined ? {} : { decay: g.decay }),
            rules: rules[gi],
          })),
        })),
    );

const typesOf = (def: Json) =>
  (def.groups as { rules: { event: string }[] }[]).flatMap((g) => g.rules.map((r) => r.event));

const eventsArb = (types: string[]) =>
  fc.array(fc.record({ type: fc.constantFrom(...types), ageDays: fc.integer({ min: -30, max: 500 }) }), {
    maxLength: 30,
  });

const toRecord = (events: { type: string; ageDays: number }[]) =>
  record({
    events: events.map((e) => ({
      type: e.type,
      occurredAt: new Date(nowMs - e.ageDays * dayMs).toISOString(),
    })),
  });

const withEvents = (options: { decay: boolean; frequency: boolean }) =>
  definitionArb(options).chain((def) => fc.tuple(fc.constant(def), eventsArb(typesOf(def))));

describe("invariants", () => {
  it("a score stays within limits.min and limits.max; a group within its limit", () => {
    fc.assert(
      fc.property(withEvents({ decay: true, frequency: true }), ([def, events]) => {
        const result = score(def, toRecord(events));
        const limits = def.limits as { min?: number; max?: number };
        expect(result.score).not.toBeNull();
        expect(result.score as number).toBeGreaterThanOrEqual(limits.min ?? Number.NEGATIVE_INFINITY);
        expect(result.score as number).toBeLessThanOrEqual(limits.max ?? Number.POSITIVE_INFINITY);
        result.groups.forEach((g, i) => {
          const limit = (def.groups as { limit?: number }[])[i]?.limit ?? Number.POSITIVE_INFINITY;
          expect(Math.abs(g.value)).toBeLessThanOrEqual(limit);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("without decay, one more matching event for a positive rule never lowers a score", () => {
    fc.assert(
      fc.property(
        withEvents({ decay: false, frequency: false }),
        fc.nat(),
        fc.integer({ min: 0, max: 400 }),
        ([def, events], pick, ageDays) => {
          const rules = (def.groups as { rules: { event: string; points: number }[] }[]).flatMap(
            (g) => g.rules,
          );
          const positive = rules.filter((r) => r.points > 0);
          fc.pre(positive.length > 0);
          const target = positive[pick % positive.length] as { event: string };
          const before = score(def, toRecord(events)).score as number;
          const after = score(def, toRecord([...events, { type: target.event, ageDays }])).score as number;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("evaluating at nextChangeAt − 1 ms gives the same score as now", () => {
    fc.assert(
      fc.property(withEvents({ decay: true, frequency: true }), ([def, events]) => {
        const rec = toRecord(events);
        const result = score(def, rec);
        if (result.nextChangeAt === null) return;
        const next = Date.parse(result.nextChangeAt);
        expect(next).toBeGreaterThan(nowMs);
        expect(score(def, rec, next - 1).score).toBe(result.score);
      }),
      { numRuns: 300 },
    );
  });
});
