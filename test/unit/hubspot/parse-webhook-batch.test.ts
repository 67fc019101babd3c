import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { parseWebhookBatch } from "../../../src/hubspot/parse-webhook-batch.js";
import {
  contactMerge,
  createDummyBatch,
  createDummyGenericEvent,
  createDummyPropertyChange,
  legacyAssociationChange,
  privacyDeletion,
  T0,
  V1_VECTOR_BODY,
} from "../../fixtures/hubspot/webhook-payloads.js";

function problemsOf(input: unknown): unknown {
  try {
    parseWebhookBatch(input);
    return "accepted";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    return (error as AppError).details.problems;
  }
}

describe("parseWebhookBatch", () => {
  it("normalizes a legacy event keyed subscriptionType (the docs/hubspot.md §Webhook signatures (v1 and v2) vector body)", () => {
    const [event] = parseWebhookBatch(JSON.parse(V1_VECTOR_BODY));
    expect(event).toEqual({
      dedupeKey: expect.stringMatching(/^001564113600000\.[\w-]{22}$/),
      portalId: 62515,
      subscriptionType: "contact.creation",
      objectType: "contacts",
      objectTypeId: null,
      objectId: "123",
      change: "creation",
      propertyName: null,
      propertyValue: null,
      association: null,
      merge: null,
      occurredAtMs: 1564113600000,
      eventId: "1",
      subscriptionId: "12345",
      attemptNumber: 0,
      changeSource: "CRM",
    });
  });

  it("accepts eventType in place of subscriptionType (docs/hubspot.md §Webhook payloads)", () => {
    const [event] = parseWebhookBatch([createDummyPropertyChange()]);
    expect(event).toMatchObject({
      subscriptionType: "contact.propertyChange",
      objectType: "contacts",
      change: "propertyChange",
      propertyName: "lifecyclestage",
      propertyValue: "lead",
      occurredAtMs: T0 - 1_000,
    });
  });

  it("takes a generic object.* event's object type from objectTypeId", () => {
    const events = parseWebhookBatch([
      createDummyGenericEvent(),
      createDummyGenericEvent({ subscriptionType: "object.creation", objectTypeId: "0-47", eventId: 201 }),
      createDummyGenericEvent({ objectTypeId: "2-123456", eventId: 202 }),
    ]);
    expect(events.map((e) => [e.objectType, e.objectTypeId, e.change])).toEqual([
      ["contacts", "0-1", "propertyChange"],
      ["meetings", "0-47", "creation"],
      ["2-123456", "2-123456", "propertyChange"],
    ]);
  });

  it("reads a legacy associationChange, deriving both object types from associationType", () => {
    const [event] = parseWebhookBatch([legacyAssociationChange]);
    expect(event).toMatchObject({ change: "associationChange", attemptNumber: 1 });
    expect(event?.association).toEqual({
      associationType: "CONTACT_TO_COMPANY",
      associationTypeId: null,
      associationCategory: null,
      fromObjectType: "contacts",
      fromObjectId: "123",
      toObjectType: "companies",
      toObjectId: "789",
      removed: false,
      primary: true,
    });
  });

  it("reads a generic associationChange's type ids", () => {
    const raw = createDummyGenericEvent({
      subscriptionType: "object.associationChange",
      objectTypeId: "0-3",
      fromObjectTypeId: "0-3",
      fromObjectId: 11,
      toObjectTypeId: "0-1",
      toObjectId: 22,
      associationTypeId: 3,
      associationCategory: "HUBSPOT_DEFINED",
      associationRemoved: true,
    });
    const [event] = parseWebhookBatch([raw]);
    expect(event?.association).toMatchObject({
      fromObjectType: "deals",
      toObjectType: "contacts",
      removed: true,
    });
  });

  it("reads a merge and a privacy deletion", () => {
    const [merge, erase] = parseWebhookBatch([contactMerge, privacyDeletion]);
    expect(merge?.merge).toEqual({
      primaryObjectId: "123",
      mergedObjectIds: ["124", "125"],
      newObjectId: "123",
      numberOfPropertiesMoved: 7,
    });
    expect(erase).toMatchObject({ change: "privacyDeletion", objectType: "contacts", objectId: "123" });
  });

  it("keeps events of types it does not know as change 'other', and unknown fields do no harm", () => {
    const raw = {
      ...privacyDeletion,
      subscriptionType: "conversation.newMessage",
      messageId: "m1",
      extra: { a: 1 },
    };
    expect(parseWebhookBatch([raw])[0]).toMatchObject({ change: "other", objectType: "conversations" });
  });

  it("passes object type names like toString through as they are, never Object.prototype's members", () => {
    const events = parseWebhookBatch([
      { ...privacyDeletion, subscriptionType: "constructor.creation" },
      createDummyGenericEvent({ objectTypeId: "toString", eventId: 201 }),
      createDummyGenericEvent({
        subscriptionType: "object.associationChange",
        fromObjectTypeId: "valueOf",
        toObjectTypeId: "__proto__",
        eventId: 202,
      }),
    ]);
    expect(events.map((e) => e.objectType)).toEqual(["constructor", "toString", "contacts"]);
    expect(events[2]?.association).toMatchObject({ fromObjectType: "valueOf", toObjectType: "__proto__" });
  });

  it("accepts an empty batch, ids as decimal strings and a numeric property value", () => {
    expect(parseWebhookBatch([])).toEqual([]);
    const [event] = parseWebhookBatch([
      createDummyPropertyChange({ objectId: "123", eventId: "9", propertyValue: 42 }),
    ]);
    expect(event).toMatchObject({ objectId: "123", eventId: "9", propertyValue: "42" });
  });

  it("gives a retried event (new attemptNumber) the same dedupe key, and a different event another", () => {
    const key = (o: Record<string, unknown>) =>
      parseWebhookBatch([createDummyPropertyChange(o)])[0]?.dedupeKey;
    expect(key({ attemptNumber: 3 })).toBe(key({}));
    // Same eventId, different content: eventId is not guaranteed unique (docs/hubspot.md §Webhook payloads).
    expect(key({ objectId: 124 })).not.toBe(key({}));
    expect(key({ propertyValue: "customer" })).not.toBe(key({}));
    expect(key({ occurredAt: T0 })).not.toBe(key({}));
    expect(key({ portalId: 1 })).not.toBe(key({}));
  });

  it.each([
    ["an object", { events: [] }, [{ path: "", message: "expected a JSON array of events" }]],
    ["null", null, [{ path: "", message: "expected a JSON array of events" }]],
    ["an array of strings", ["x"], [{ path: "[0]", message: "expected object" }]],
  ])("rejects %s", (_what, input, problems) => {
    expect(problemsOf(input)).toEqual(problems);
  });

  it("names each bad field by its path", () => {
    const batch = createDummyBatch(5);
    batch[3] = { ...batch[3], portalId: undefined, occurredAt: "yesterday" };
    expect(problemsOf(batch)).toEqual([
      { path: "[3].portalId", message: "required" },
      { path: "[3].occurredAt", message: "expected number" },
    ]);
  });

  it("requires subscriptionType or eventType", () => {
    const { eventType: _, ...raw } = createDummyPropertyChange();
    expect(problemsOf([raw])).toEqual([
      { path: "[0].subscriptionType", message: "required: subscriptionType or eventType" },
    ]);
  });

  it("reports at most 10 problems, and says so in the message", () => {
    const batch = createDummyBatch(30).map((e) => ({ ...e, objectId: -1 }));
    expect(problemsOf(batch)).toHaveLength(10);
    expect(() => parseWebhookBatch(batch)).toThrowError(/^not a HubSpot webhook batch: \[0\]\.objectId: /);
  });
});
