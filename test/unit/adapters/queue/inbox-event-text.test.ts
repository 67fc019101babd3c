import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeInboxEvent, encodeInboxEvent } from "../../../../src/adapters/queue/inbox-event-text.js";
import { parseWebhookBatch } from "../../../../src/hubspot/parse-webhook-batch.js";
import { wellFormedWebhookEvent } from "../../../fixtures/hubspot/webhook-event-arbitraries.js";
import {
  createDummyGenericEvent,
  createDummyPropertyChange,
} from "../../../fixtures/hubspot/webhook-payloads.js";

// Every event the route can store comes back from its row exactly as it went in.

const normalized = fc
  .array(wellFormedWebhookEvent, { minLength: 1, maxLength: 3 })
  .map((raw) => parseWebhookBatch(JSON.parse(JSON.stringify(raw))));

describe("inbox event text", () => {
  it("decodes what it encoded to the same event, for any event a delivery can hold", () => {
    fc.assert(
      fc.property(normalized, (events) => {
        for (const e of events) expect(decodeInboxEvent(encodeInboxEvent(e), e.dedupeKey)).toStrictEqual(e);
      }),
      { numRuns: 1000 },
    );
  });

  it("stores a property change in under half the bytes of its JSON object, without the dedupe key", () => {
    const events = parseWebhookBatch([createDummyPropertyChange(), createDummyGenericEvent()]);
    for (const e of events) {
      expect(encodeInboxEvent(e).length).toBeLessThan(JSON.stringify(e).length / 2);
      expect(encodeInboxEvent(e)).not.toContain(e.dedupeKey);
    }
  });

  it("still reads rows stored as the event's JSON object, the format before this one", () => {
    fc.assert(
      fc.property(normalized, (events) => {
        for (const e of events) expect(decodeInboxEvent(JSON.stringify(e), e.dedupeKey)).toStrictEqual(e);
      }),
      { numRuns: 200 },
    );
  });
});
