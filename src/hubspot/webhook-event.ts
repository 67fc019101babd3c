// Our own shape of one HubSpot webhook event (docs/hubspot.md §Webhook payloads), whichever of the legacy
// (`contact.propertyChange`) or generic (`object.propertyChange` + objectTypeId) forms it came in.

export type WebhookChange =
  | "creation"
  | "deletion"
  | "propertyChange"
  | "associationChange"
  | "merge"
  | "restore"
  | "privacyDeletion"
  | "other";

/** `*.associationChange` fields; which ones are set depends on the form (docs/hubspot.md §Webhook payloads, generic ones UNCONFIRMED). */
export type WebhookAssociation = {
  /** Legacy, e.g. `CONTACT_TO_COMPANY`. */
  associationType: string | null;
  /** Generic form. */
  associationTypeId: number | null;
  associationCategory: string | null;
  /** Plural CRM names ("contacts", "companies", ...) when known; see webhook-object-types.ts. */
  fromObjectType: string | null;
  fromObjectId: string | null;
  toObjectType: string | null;
  toObjectId: string | null;
  removed: boolean;
  primary: boolean;
};

/** `*.merge` fields (docs/hubspot.md §Webhook payloads "Merge events"). */
export type WebhookMerge = {
  primaryObjectId: string | null;
  mergedObjectIds: string[];
  newObjectId: string | null;
  numberOfPropertiesMoved: number | null;
};

export type WebhookEvent = {
  /** Identifies the event across HubSpot's retries; see build-dedupe-key.ts. */
  dedupeKey: string;
  portalId: number;
  /** As HubSpot sent it (`subscriptionType` or `eventType`), e.g. `object.propertyChange`. */
  subscriptionType: string;
  /** Plural CRM name ("contacts", "deals", "meetings", ...), else the objectTypeId or legacy prefix. */
  objectType: string;
  objectTypeId: string | null;
  /** Ids as decimal strings, as the CRM client takes them. */
  objectId: string;
  change: WebhookChange;
  propertyName: string | null;
  propertyValue: string | null;
  association: WebhookAssociation | null;
  merge: WebhookMerge | null;
  occurredAtMs: number;
  eventId: string;
  subscriptionId: string | null;
  /** 0 on the first delivery (docs/hubspot.md §Webhook payloads). */
  attemptNumber: number;
  changeSource: string | null;
};
