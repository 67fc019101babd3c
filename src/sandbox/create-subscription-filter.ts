import type { Change } from "./change-feed.js";
import { resolveObjectType, type SandboxObjectType } from "./object-types.js";
import type { WebhookSubscription } from "./parse-webhook-subscriptions.js";

// HubSpot sends an app only what its active subscriptions cover (docs/hubspot.md §Webhook subscriptions): creations,
// deletions, merges, restores and association changes per object type, property changes per object
// type and property. Each subscription gets its own events, in its own form: a generic
// `object.propertyChange` subscription on contacts gets `object.propertyChange` + objectTypeId
// (docs/hubspot.md §Webhook payloads) whatever form the change feed wrote, and a change that a legacy and a generic subscription
// both cover is sent once as each.

/** The change as each subscription covering it sends it; none when no subscription covers it. */
export type SubscriptionFilter = (change: Change) => Change[];

/** Generic subscriptions call meetings `meeting_event` (docs/hubspot.md §Webhook subscriptions); other names are HubSpot's singular ones. */
const objectTypeNamed = (name: string): SandboxObjectType | null =>
  name === "meeting_event" ? "meetings" : resolveObjectType(name);

const keyOf = (objectType: string, event: string, propertyName: string | null | undefined) =>
  event === "propertyChange" ? `${objectType} ${event} ${propertyName}` : `${objectType} ${event}`;

/** Without a list every change is sent as the change feed wrote it: the sandbox's behaviour before subscriptions. */
export function createSubscriptionFilter(subscriptions?: readonly WebhookSubscription[]): SubscriptionFilter {
  if (subscriptions === undefined) return (change) => [change];
  const typesByKey = new Map<string, Set<string>>();
  for (const subscription of subscriptions) {
    if (!subscription.active) continue;
    const [prefix = "", event = ""] = subscription.subscriptionType.split(".");
    const objectType = objectTypeNamed(prefix === "object" ? (subscription.objectType ?? "") : prefix);
    // Objects the sandbox does not serve (products, line items, ...) never change here.
    if (objectType === null) continue;
    const key = keyOf(objectType, event, subscription.propertyName);
    typesByKey.set(key, (typesByKey.get(key) ?? new Set()).add(subscription.subscriptionType));
  }
  return (change) => {
    const event = change.subscriptionType.split(".")[1] ?? "";
    const types = typesByKey.get(keyOf(change.objectType, event, change.propertyName)) ?? [];
    return [...types].map((subscriptionType) => ({ ...change, subscriptionType }));
  };
}
