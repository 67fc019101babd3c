import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSnapshot, SnapshotError } from "../../../src/scoring/index.js";
import { parseSnapshotFast, readWellFormedSnapshot } from "../../../src/scoring/parse-snapshot-fast.js";

// The hand-written snapshot reader must agree with zod's parseSnapshot on everything: the same
// RecordSnapshot for good input, the same problems for bad input.

const outcome = (parse: (input: unknown) => unknown, input: unknown) => {
  try {
    return { snapshot: parse(input) };
  } catch (error) {
    if (error instanceof SnapshotError) return { problems: error.problems };
    throw error;
  }
};

const validInstant = fc.oneof(
  fc
    .date({
      min: new Date("1000-01-01T00:00:00Z"),
      max: new Date("9999-12-31T23:59:59Z"),
      noInvalidDate: true,
    })
    .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().replace(/\.\d{3}Z$/, "Z"))),
  fc.integer({ min: 0, max: 4_000_000_000_000 }),
);
// Forms parseInstant reads but the fast path leaves to it, and forms nobody reads.
const oddInstant = fc.constantFrom(
  "2026-02-29T00:00:00Z", // not a leap year
  "2024-02-29T12:00:00Z",
  "2026-04-31T10:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-11-20T24:00:00Z",
  "2026-11-20T23:60:00Z",
  "0099-06-01T00:00:00Z",
  "2026-11-20",
  "2026-11-20T12:00:00",
  "2026-11-20T12:00:00+02:00",
  "2026-11-20T12:00:00.5Z",
  "2026-11-20t12:00:00z",
  "1763640000000",
  "yesterday",
  "",
  -5,
  1.5,
  null,
  true,
);
const propertyValue = fc.oneof(fc.string(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
const anyJson = fc.jsonValue({ maxDepth: 2 });
const key = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom("__proto__", "constructor", "toString", "0", "type"),
);
const properties = fc.dictionary(
  key,
  fc.oneof({ weight: 8, arbitrary: propertyValue }, { weight: 1, arbitrary: anyJson }),
  {
    maxKeys: 4,
  },
);
const id = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) },
  { weight: 3, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.constantFrom("", -1, 1.5, 2 ** 60, null, {}) },
);
// Each field: usually well formed, sometimes absent, sometimes wrong.
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 12, arbitrary: good },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: anyJson },
  );
const event = fc.record(
  {
    type: maybe(fc.constantFrom("meeting", "page_view", "")),
    occurredAt: fc.oneof({ weight: 8, arbitrary: validInstant }, { weight: 2, arbitrary: oddInstant }),
    properties: maybe(properties),
  },
  { requiredKeys: ["type", "occurredAt"] },
);
const associated = fc.record(
  {
    id,
    labels: maybe(fc.array(fc.string({ maxLength: 5 }), { maxLength: 2 })),
    properties: maybe(properties),
    lists: maybe(fc.array(id, { maxLength: 2 })),
    events: maybe(fc.array(event, { maxLength: 3 })),
    extra: anyJson,
  },
  { requiredKeys: ["id"] },
);
const snapshot = fc.record(
  {
    id,
    object: fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom("contacts", "companies", "deals") },
      { weight: 1, arbitrary: anyJson },
    ),
    properties: maybe(properties),
    lists: maybe(fc.array(id, { maxLength: 3 })),
    resets: maybe(fc.dictionary(key, fc.oneof(validInstant, oddInstant), { maxKeys: 2 })),
    events: maybe(fc.array(event, { maxLength: 5 })),
    associations: maybe(
      fc.record(
        {
          contacts: maybe(fc.array(associated, { maxLength: 2 })),
          companies: maybe(fc.array(associated, { maxLength: 2 })),
          deals: maybe(fc.array(associated, { maxLength: 1 })),
          tickets: anyJson,
        },
        { requiredKeys: [] },
      ),
    ),
    unknownField: anyJson,
  },
  { requiredKeys: ["id", "object"] },
);
// What the CLI really feeds it: values that went through JSON (no undefined, no -0).
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value) ?? "null");

describe("parseSnapshotFast", () => {
  it("gives parseSnapshot's snapshot or problems for generated input", () => {
    fc.assert(
      fc.property(snapshot, (input) => {
        const json = viaJson(input);
        expect(outcome(parseSnapshotFast, json)).toStrictEqual(outcome(parseSnapshot, json));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with parseSnapshot on JavaScript values that never come out of JSON", () => {
    fc.assert(
      fc.property(snapshot, (input) => {
        expect(outcome(parseSnapshotFast, input)).toStrictEqual(outcome(parseSnapshot, input));
      }),
      { numRuns: 500 },
    );
    for (const odd of [undefined, null, 7, "x", [], new Date(0), Object.create(null)]) {
      expect(outcome(parseSnapshotFast, odd)).toStrictEqual(outcome(parseSnapshot, odd));
    }
  });

  it("reads well-formed exports itself, without zod, to the same snapshot", () => {
    const wellFormed = fc.record({
      id: fc.oneof(fc.string({ minLength: 1 }), fc.nat()),
      object: fc.constantFrom("contacts", "companies", "deals"),
      properties: fc.dictionary(
        fc.string().filter((k) => k !== "__proto__"),
        propertyValue,
      ),
      lists: fc.array(fc.nat().map(String)),
      events: fc.array(
        fc.record({
          type: fc.constantFrom("meeting", "call"),
          occurredAt: validInstant,
          properties: fc.constant({}),
        }),
      ),
    });
    fc.assert(
      fc.property(wellFormed, (input) => {
        const json = viaJson(input);
        const fast = readWellFormedSnapshot(json);
        expect(fast).toBeDefined();
        expect(fast).toStrictEqual(parseSnapshot(json));
      }),
      { numRuns: 1000 },
    );
  });
});
