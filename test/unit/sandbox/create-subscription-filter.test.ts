import { describe, expect, it } from "vitest";
import type { Change } from "../../../src/sandbox/change-feed.js";
import { createSubscriptionFilter } from "../../../src/sandbox/create-subscription-filter.js";
import { objectTypeIdOf, type SandboxObjectType } from "../../../src/sandbox/object-types.js";
import type { WebhookSubscription } from "../../../src/sandbox/parse-webhook-subscriptions.js";

// What HubSpot sends for which subscription (docs/hubspot.md §Webhook subscriptions, §Webhook payloads), one change at a time.

/** A change as the feed writes it: legacy types for contacts, companies and deals, generic for the rest. */
function change(objectType: SandboxObjectType, subscriptionType: string, propertyName?: string): Change {
  return {
    seq: 7,
    objectType,
    objectTypeId: objectTypeIdOf[objectType],
    objectId: 501,
    subscriptionType,
    propertyName: propertyName ?? null,
    propertyValue: propertyName ? "value" : null,
    changeSource: "CRM_UI",
    occurredAt: 1_700_000_000_000,
    details: null,
  };
}

const sent = (subscriptions: WebhookSubscription[] | undefined, c: Change) =>
  createSubscriptionFilter(subscriptions)(c).map((e) => e.subscriptionType);

const generic = (event: string, objectType: string, propertyName?: string): WebhookSubscription => ({
  subscriptionType: `object.${event}`,
  objectType,
  ...(propertyName ? { propertyName } : {}),
  active: true,
});

describe("createSubscriptionFilter", () => {
  it("sends every change as the feed wrote it when no subscription list is given", () => {
    expect(sent(undefined, change("contacts", "contact.propertyChange", "city"))).toEqual([
      "contact.propertyChange",
    ]);
  });

  it("sends ticket changes to a generic ticket subscription and to a legacy ticket.* one", () => {
    const subscriptions = [
      generic("propertyChange", "ticket", "hs_pipeline_stage"),
      { subscriptionType: "ticket.creation", active: true },
    ];
    expect(sent(subscriptions, change("tickets", "ticket.propertyChange", "hs_pipeline_stage"))).toEqual([
      "object.propertyChange",
    ]);
    expect(sent(subscriptions, change("tickets", "ticket.creation"))).toEqual(["ticket.creation"]);
    expect(sent(subscriptions, change("tickets", "ticket.propertyChange", "subject"))).toEqual([]);
  });

  it("sends a property change only for a subscribed (object, property)", () => {
    const subscriptions = [generic("propertyChange", "contact", "jobtitle")];
    expect(sent(subscriptions, change("contacts", "contact.propertyChange", "jobtitle"))).toEqual([
      "object.propertyChange",
    ]);
    expect(sent(subscriptions, change("contacts", "contact.propertyChange", "city"))).toEqual([]);
    expect(sent(subscriptions, change("companies", "company.propertyChange", "jobtitle"))).toEqual([]);
  });

  it("matches creations, deletions and association changes per object type, whatever property", () => {
    const subscriptions = [
      generic("creation", "contact"),
      generic("deletion", "meeting_event"),
      { subscriptionType: "company.associationChange", active: true },
    ];
    expect(sent(subscriptions, change("contacts", "contact.creation"))).toEqual(["object.creation"]);
    expect(sent(subscriptions, change("deals", "deal.creation"))).toEqual([]);
    expect(sent(subscriptions, change("meetings", "object.deletion"))).toEqual(["object.deletion"]);
    expect(sent(subscriptions, change("companies", "company.associationChange"))).toEqual([
      "company.associationChange",
    ]);
    expect(sent(subscriptions, change("contacts", "contact.associationChange"))).toEqual([]);
  });

  it("sends a change a legacy and a generic subscription both cover once as each, never twice as one", () => {
    const subscriptions = [
      { subscriptionType: "contact.propertyChange", propertyName: "email", active: true },
      generic("propertyChange", "contact", "email"),
      generic("propertyChange", "contact", "email"),
    ];
    const events = createSubscriptionFilter(subscriptions)(
      change("contacts", "contact.propertyChange", "email"),
    );
    expect(events.map((e) => e.subscriptionType)).toEqual([
      "contact.propertyChange",
      "object.propertyChange",
    ]);
    expect(events.every((e) => e.seq === 7 && e.objectTypeId === "0-1")).toBe(true);
  });

  it("sends nothing for a paused (inactive) subscription or an object the sandbox does not serve", () => {
    const subscriptions = [
      { ...generic("propertyChange", "contact", "jobtitle"), active: false },
      generic("creation", "ticket"),
    ];
    expect(sent(subscriptions, change("contacts", "contact.propertyChange", "jobtitle"))).toEqual([]);
    expect(sent(subscriptions, change("contacts", "contact.creation"))).toEqual([]);
  });
});
