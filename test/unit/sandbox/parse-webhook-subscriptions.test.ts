import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  parseWebhookSubscriptions,
  WebhookSubscriptionsError,
} from "../../../src/sandbox/parse-webhook-subscriptions.js";

// The two shapes of a webhooks component file (docs/hubspot.md §Webhook subscriptions) and the app's own file.

describe("parseWebhookSubscriptions", () => {
  it("reads the app's webhooks/webhooks.json: every group, in file order", () => {
    const subscriptions = parseWebhookSubscriptions(
      JSON.parse(readFileSync("webhooks/webhooks.json", "utf8")),
    );
    expect(subscriptions).toContainEqual({
      subscriptionType: "object.propertyChange",
      objectType: "contact",
      propertyName: "jobtitle",
      active: true,
    });
    expect(subscriptions).toContainEqual({ subscriptionType: "contact.associationChange", active: true });
    expect(subscriptions.at(-1)).toEqual({ subscriptionType: "contact.privacyDeletion", active: true });
  });

  it("reads the legacy platform's shape: top-level subscriptions, generic ones naming objectName", () => {
    expect(
      parseWebhookSubscriptions({
        subscriptions: {
          crmObjects: [{ subscriptionType: "object.creation", objectName: "meeting_event", active: false }],
          legacyCrmObjects: [
            { subscriptionType: "deal.propertyChange", propertyName: "amount", active: true },
          ],
        },
      }),
    ).toEqual([
      { subscriptionType: "object.creation", objectType: "meeting_event", active: false },
      { subscriptionType: "deal.propertyChange", propertyName: "amount", active: true },
    ]);
  });

  it("lists every problem: a property change without a property, an object.* without an object, no active", () => {
    const parse = () =>
      parseWebhookSubscriptions({
        config: {
          subscriptions: {
            crmObjects: [
              { subscriptionType: "object.propertyChange", objectType: "contact", active: true },
              { subscriptionType: "object.deletion", active: true },
            ],
            hubEvents: [{ subscriptionType: "contact.privacyDeletion" }],
          },
        },
      });
    expect(parse).toThrow(WebhookSubscriptionsError);
    expect(parse).toThrow(/crmObjects\.0: object\.propertyChange names no propertyName/);
    expect(parse).toThrow(/crmObjects\.1: object\.deletion names no objectType/);
    expect(parse).toThrow(/hubEvents\.0\.active/);
  });

  it("refuses a file with no subscriptions at all", () => {
    expect(() => parseWebhookSubscriptions({ uid: "webhooks", type: "webhooks", config: {} })).toThrow(
      /neither config\.subscriptions nor subscriptions/,
    );
  });
});
