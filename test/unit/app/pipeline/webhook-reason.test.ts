import { describe, expect, it } from "vitest";
import { addReason, MAX_REASONS, webhookReason } from "../../../../src/app/pipeline/webhook-reason.js";
import type { WebhookEvent } from "../../../../src/hubspot/webhook-event.js";
import type { HistoryReason } from "../../../../src/ports/record-store.js";

// Why a webhook rescored a record, kept with the values written (docs/scoring.md §History).

const event = (overrides: Partial<WebhookEvent>): WebhookEvent => ({
  dedupeKey: "k",
  portalId: 62515,
  subscriptionType: "object.propertyChange",
  objectType: "contacts",
  objectTypeId: "0-1",
  objectId: "1",
  change: "propertyChange",
  propertyName: "jobtitle",
  propertyValue: "CTO",
  association: null,
  merge: null,
  occurredAtMs: 0,
  eventId: "1",
  subscriptionId: null,
  attemptNumber: 0,
  changeSource: null,
  ...overrides,
});

describe("webhookReason", () => {
  it("names the changed property and its object", () => {
    expect(webhookReason(event({}))).toEqual({ kind: "property", object: "contacts", property: "jobtitle" });
  });

  it("names a record's creation, deletion, restore, merge and erasure with its object", () => {
    expect(webhookReason(event({ objectType: "meetings", change: "creation" }))).toEqual({
      kind: "record",
      object: "meetings",
      change: "creation",
    });
    expect(webhookReason(event({ change: "privacyDeletion" }))).toMatchObject({ change: "privacyDeletion" });
  });

  it("names both sides of an association change, and gives nothing for an event that says nothing", () => {
    const association = {
      associationType: "CONTACT_TO_COMPANY",
      associationTypeId: 1,
      associationCategory: "HUBSPOT_DEFINED",
      fromObjectType: "contacts",
      fromObjectId: "1",
      toObjectType: "companies",
      toObjectId: "2",
      removed: false,
      primary: true,
    };
    expect(webhookReason(event({ change: "associationChange", association }))).toEqual({
      kind: "association",
      from: "contacts",
      to: "companies",
    });
    expect(webhookReason(event({ change: "other" }))).toBeNull();
    expect(webhookReason(event({ propertyName: null }))).toBeNull();
  });
});

describe("addReason", () => {
  it("keeps a repeated reason once and at most MAX_REASONS of a burst", () => {
    const reasons = new Map<string, HistoryReason>();
    for (let i = 0; i < 3; i++)
      addReason(reasons, { kind: "property", object: "contacts", property: "jobtitle" });
    expect(reasons.size).toBe(1);
    for (let i = 0; i < 20; i++)
      addReason(reasons, { kind: "property", object: "contacts", property: `p${i}` });
    expect(reasons.size).toBe(MAX_REASONS);
  });
});
