import type { Change } from "./change-feed.js";

// One change as HubSpot's webhook event (docs/hubspot.md §Webhook payloads): the common fields, propertyName and
// propertyValue for property changes, objectTypeId for generic `object.*` subscriptions, and the
// association fields of `*.associationChange`. Pure, so the shape is tested without a server.

export interface WebhookOrigin {
  portalId: number;
  appId: number;
}

const changeFlags: Record<string, string> = { creation: "NEW", deletion: "DELETED" };

/**
 * HubSpot gives each subscription (type, and property for property changes) a numeric id; the
 * sandbox derives a stable one (FNV-1a) so the same subscription always carries the same id.
 */
export function subscriptionIdOf(subscriptionType: string, propertyName: string | null): number {
  let hash = 0x811c9dc5;
  for (const char of `${subscriptionType}:${propertyName ?? ""}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return 1_000_000 + (hash % 9_000_000);
}

export function buildWebhookEvent(
  change: Change,
  origin: WebhookOrigin,
  attemptNumber: number,
): Record<string, unknown> {
  const kind = change.subscriptionType.split(".")[1] ?? "";
  const event: Record<string, unknown> = {
    eventId: change.seq,
    subscriptionId: subscriptionIdOf(change.subscriptionType, change.propertyName),
    portalId: origin.portalId,
    appId: origin.appId,
    occurredAt: change.occurredAt,
    subscriptionType: change.subscriptionType,
    attemptNumber,
    objectId: change.objectId,
    changeSource: change.changeSource,
  };
  if (change.subscriptionType.startsWith("object.")) event.objectTypeId = change.objectTypeId;
  if (kind === "propertyChange") {
    event.propertyName = change.propertyName;
    event.propertyValue = change.propertyValue ?? "";
  }
  const flag = changeFlags[kind];
  if (flag) event.changeFlag = flag;
  if (kind === "associationChange" && change.details) {
    // `label` is the sandbox's own note; HubSpot's legacy event has no such field.
    const { label: _label, ...association } = change.details;
    Object.assign(event, association);
  }
  // primaryObjectId, mergedObjectIds, newObjectId, numberOfPropertiesMoved (docs/hubspot.md §Webhook payloads).
  if (kind === "merge" && change.details) Object.assign(event, change.details);
  return event;
}
