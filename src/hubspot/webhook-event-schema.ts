import { z } from "zod";

// docs/hubspot.md §Webhook payloads: one event as HubSpot sends it. Only what every form carries is required; the rest
// is optional, and unknown fields pass through (`loose`), so a field HubSpot adds tomorrow is no 400:
// a 400 makes HubSpot retry the whole batch and finally drop it (docs/hubspot.md §Webhook delivery).

/** HubSpot ids are JSON numbers; a decimal string is accepted too. */
const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "expected a decimal id")]);
const optionalId = id.nullish();
const text = z.string().nullish();
/** Property values are strings in practice; a number or boolean is kept as its text. */
const value = z.union([z.string(), z.number(), z.boolean()]).nullish();

export const webhookEventSchema = z
  .object({
    // The field table calls it eventType, the signature example and the SDK subscriptionType (docs/hubspot.md §Webhook payloads).
    subscriptionType: z.string().min(1).optional(),
    eventType: z.string().min(1).optional(),
    portalId: z.number().int().positive(),
    objectId: id,
    occurredAt: z.number().int().nonnegative(),
    eventId: id,
    subscriptionId: optionalId,
    appId: optionalId,
    attemptNumber: z.number().int().nonnegative().nullish(),
    changeSource: text,
    changeFlag: text,
    sourceId: text,
    // Generic `object.*` events (docs/hubspot.md §Webhook payloads, changelog "generic webhook subscriptions").
    objectTypeId: text,
    propertyName: text,
    propertyValue: value,
    // `*.associationChange`, legacy and (UNCONFIRMED) generic fields.
    associationType: text,
    associationTypeId: z.number().int().nullish(),
    associationCategory: text,
    fromObjectTypeId: text,
    fromObjectId: optionalId,
    toObjectTypeId: text,
    toObjectId: optionalId,
    associationRemoved: z.boolean().nullish(),
    isPrimaryAssociation: z.boolean().nullish(),
    // `*.merge`.
    primaryObjectId: optionalId,
    mergedObjectIds: z.array(id).nullish(),
    newObjectId: optionalId,
    numberOfPropertiesMoved: z.number().int().nullish(),
  })
  .loose()
  .refine((e) => e.subscriptionType !== undefined || e.eventType !== undefined, {
    message: "required: subscriptionType or eventType",
    path: ["subscriptionType"],
  });

export type RawWebhookEvent = z.infer<typeof webhookEventSchema>;

export const webhookBatchSchema = z.array(webhookEventSchema);
