import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { isWellFormedWebhookBatch } from "../../../src/hubspot/is-well-formed-webhook-batch.js";
import { parseWebhookBatch } from "../../../src/hubspot/parse-webhook-batch.js";
import { parseWebhookBatchFast } from "../../../src/hubspot/parse-webhook-batch-fast.js";
import { webhookEventSchema } from "../../../src/hubspot/webhook-event-schema.js";
import { wellFormedWebhookEvent } from "../../fixtures/hubspot/webhook-event-arbitraries.js";
import {
  contactMerge,
  createDummyBatch,
  legacyAssociationChange,
  privacyDeletion,
  V1_VECTOR_BODY,
} from "../../fixtures/hubspot/webhook-payloads.js";

// The hand-written check must never say yes where zod says no: parseWebhookBatchFast must give
// parseWebhookBatch's events for every input, and its problems for every bad one.

const outcome = (parse: (input: unknown) => unknown, input: unknown) => {
  try {
    return { events: parse(input) };
  } catch (error) {
    if (error instanceof AppError)
      return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
};
const expectSameOutcome = (input: unknown) =>
  expect(outcome(parseWebhookBatchFast, input)).toStrictEqual(outcome(parseWebhookBatch, input));

// Values near every edge of the schema: empty, negative, fractional, unsafe, not finite, digit-like.
const oddValues: unknown[] = [
  null,
  "",
  "0",
  "007",
  "12a",
  "1/",
  "9:",
  " 1",
  "١٢",
  "-1",
  0,
  -0,
  -1,
  1.5,
  2 ** 53,
  2 ** 60,
  Number.POSITIVE_INFINITY,
  Number.NaN,
  true,
  false,
  {},
  [],
  [1, "2"],
  ["x"],
];
const odd = fc.constantFrom(...oddValues);
const anyJson = fc.jsonValue({ maxDepth: 2 });

// Every field the schema names, and one it does not.
const fields = [...Object.keys(webhookEventSchema.shape), "constructor"];
// A well-formed event with one or two fields made odd, removed or replaced by any JSON value.
const brokenEvent = fc
  .tuple(
    wellFormedWebhookEvent,
    fc.array(
      fc.tuple(
        fc.constantFrom(...fields),
        fc.oneof(
          { weight: 6, arbitrary: odd },
          { weight: 1, arbitrary: anyJson },
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.array(odd, { maxLength: 2 }) },
        ),
      ),
      { minLength: 1, maxLength: 2 },
    ),
  )
  .map(([e, changes]) => ({ ...e, ...Object.fromEntries(changes) }));
const event = fc.oneof(
  { weight: 3, arbitrary: wellFormedWebhookEvent },
  { weight: 3, arbitrary: brokenEvent },
  { weight: 1, arbitrary: anyJson },
);
const batch = fc.array(event, { maxLength: 4 });
// What the route really feeds it: values that went through JSON (no undefined, no -0, no Infinity).
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value) ?? "null");

describe("parseWebhookBatchFast", () => {
  it("gives parseWebhookBatch's events or problems for generated batches", () => {
    let readByHand = 0;
    fc.assert(
      fc.property(batch, (input) => {
        const json = viaJson(input);
        if (isWellFormedWebhookBatch(json)) readByHand++;
        expectSameOutcome(json);
      }),
      { numRuns: 3000 },
    );
    // The generator reaches both sides of the hand-written check, not only zod's.
    expect(readByHand).toBeGreaterThan(300);
    expect(readByHand).toBeLessThan(2700);
  });

  it("agrees with parseWebhookBatch for every field of the schema set to each edge value or removed", () => {
    const [typical, legacy] = viaJson([createDummyBatch(1)[0], legacyAssociationChange]) as Record<
      string,
      unknown
    >[];
    for (const base of [typical, legacy, contactMerge])
      for (const field of fields)
        for (const value of [...oddValues, undefined]) {
          expectSameOutcome([{ ...base, [field]: value }]);
          expectSameOutcome(viaJson([base, { ...base, [field]: value }]));
        }
  });

  it("agrees with parseWebhookBatch on JavaScript values that never come out of JSON", () => {
    fc.assert(
      fc.property(batch, (input) => {
        expectSameOutcome(input);
      }),
      { numRuns: 1000 },
    );
    const nullPrototype = Object.assign(Object.create(null), createDummyBatch(1)[0]);
    for (const input of [undefined, null, 7, "x", {}, new Date(0), [nullPrototype], [new Map()], [[]]])
      expectSameOutcome(input);
  });

  it("leaves an event with an own __proto__ key to zod", () => {
    fc.assert(
      fc.property(fc.oneof(wellFormedWebhookEvent, brokenEvent), anyJson, (e, proto) => {
        const fields = JSON.stringify(e).slice(1, -1);
        const input = [JSON.parse(`{"__proto__":${JSON.stringify(proto)}${fields ? `,${fields}` : ""}}`)];
        expect(isWellFormedWebhookBatch(input)).toBe(false);
        expectSameOutcome(input);
      }),
      { numRuns: 300 },
    );
  });

  it("reads generated well-formed batches itself, without zod, to the same events", () => {
    fc.assert(
      fc.property(fc.array(wellFormedWebhookEvent, { maxLength: 5 }), (input) => {
        const json = viaJson(input);
        expect(isWellFormedWebhookBatch(json)).toBe(true);
        expect(parseWebhookBatchFast(json)).toStrictEqual(parseWebhookBatch(json));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads real-shaped deliveries itself, without zod, to the same events", () => {
    const wellFormed = [
      JSON.parse(V1_VECTOR_BODY),
      createDummyBatch(100),
      [legacyAssociationChange, contactMerge, privacyDeletion],
      [{ ...privacyDeletion, subscriptionType: undefined, eventType: "contact.deletion" }],
      [{ ...contactMerge, mergedObjectIds: ["124", 125], propertyValue: 42, extra: { nested: [1] } }],
      [],
    ].map(viaJson);
    for (const input of wellFormed) {
      expect(isWellFormedWebhookBatch(input)).toBe(true);
      expect(parseWebhookBatchFast(input)).toStrictEqual(parseWebhookBatch(input));
    }
  });
});
