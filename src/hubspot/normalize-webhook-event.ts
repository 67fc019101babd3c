import { buildDedupeKey } from "./build-dedupe-key.js";
import type { WebhookAssociation, WebhookChange, WebhookEvent, WebhookMerge } from "./webhook-event.js";
import type { RawWebhookEvent } from "./webhook-event-schema.js";
import {
  objectTypeFromSingular,
  objectTypeFromTypeId,
  objectTypesOfAssociation,
} from "./webhook-object-types.js";

const CHANGES = new Set<string>([
  "creation",
  "deletion",
  "propertyChange",
  "associationChange",
  "merge",
  "restore",
  "privacyDeletion",
]);

const idText = (v: number | string | null | undefined): string | null => (v == null ? null : String(v));

function association(e: RawWebhookEvent): WebhookAssociation {
  const legacy = e.associationType ? objectTypesOfAssociation(e.associationType) : null;
  return {
    associationType: e.associationType ?? null,
    associationTypeId: e.associationTypeId ?? null,
    associationCategory: e.associationCategory ?? null,
    fromObjectType: e.fromObjectTypeId ? objectTypeFromTypeId(e.fromObjectTypeId) : (legacy?.[0] ?? null),
    fromObjectId: idText(e.fromObjectId),
    toObjectType: e.toObjectTypeId ? objectTypeFromTypeId(e.toObjectTypeId) : (legacy?.[1] ?? null),
    toObjectId: idText(e.toObjectId),
    removed: e.associationRemoved ?? false,
    primary: e.isPrimaryAssociation ?? false,
  };
}

function merge(e: RawWebhookEvent): WebhookMerge {
  return {
    primaryObjectId: idText(e.primaryObjectId),
    mergedObjectIds: (e.mergedObjectIds ?? []).map(String),
    newObjectId: idText(e.newObjectId),
    numberOfPropertiesMoved: e.numberOfPropertiesMoved ?? null,
  };
}

/** One parsed event in our shape: `contact.x` and `object.x` + objectTypeId give the same objectType. */
export function normalizeWebhookEvent(e: RawWebhookEvent): WebhookEvent {
  const subscriptionType = (e.subscriptionType ?? e.eventType) as string;
  const dot = subscriptionType.indexOf(".");
  const prefix = dot < 0 ? "" : subscriptionType.slice(0, dot);
  const action = subscriptionType.slice(dot + 1);
  const change = (CHANGES.has(action) ? action : "other") as WebhookChange;
  const objectTypeId = e.objectTypeId ?? null;
  const objectType =
    prefix === "object" || prefix === ""
      ? objectTypeId
        ? objectTypeFromTypeId(objectTypeId)
        : "unknown"
      : objectTypeFromSingular(prefix);
  // One object, its key filled in last from its own fields: no intermediate copy (100 per delivery).
  const event: WebhookEvent = {
    dedupeKey: "",
    portalId: e.portalId,
    subscriptionType,
    subscriptionId: idText(e.subscriptionId),
    objectTypeId,
    objectId: String(e.objectId),
    occurredAtMs: e.occurredAt,
    eventId: String(e.eventId),
    propertyName: e.propertyName ?? null,
    propertyValue: e.propertyValue == null ? null : String(e.propertyValue),
    association: change === "associationChange" ? association(e) : null,
    merge: change === "merge" ? merge(e) : null,
    objectType,
    change,
    attemptNumber: e.attemptNumber ?? 0,
    changeSource: e.changeSource ?? null,
  };
  event.dedupeKey = buildDedupeKey(event);
  return event;
}
