import type { RawWebhookEvent } from "./webhook-event-schema.js";

// webhookBatchSchema (zod) took 1.3–1.8 µs an event, 11% of the intake's CPU (bench/webhook-ingest.ts
// --cpu-prof); this check takes 0.06 µs. It is the same schema (webhook-event-schema.ts) written out
// by hand, for saying yes only: it accepts a subset of what zod accepts, and anything it is not sure
// of goes to zod, so the 400's problems are zod's own. The schema transforms nothing, so an event it
// accepts is normalized as zod's output would be. test/unit/hubspot/parse-webhook-batch-fast.test.ts
// checks it against zod with generated input.

type Json = Record<string, unknown>;

/** True only for a batch webhookBatchSchema accepts; false means "ask zod", not "invalid". */
export function isWellFormedWebhookBatch(input: unknown): input is RawWebhookEvent[] {
  if (!Array.isArray(input)) return false;
  for (const event of input) if (!isWellFormedEvent(event)) return false;
  return true;
}

function isWellFormedEvent(value: unknown): boolean {
  // JSON.parse gives plain objects; anything else goes to zod. An own `__proto__` key (JSON.parse
  // makes one) is left to zod too: how its output object treats that key is zod's subtlety, not ours.
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return false;
  const e = value as Json;
  if (Object.hasOwn(e, "__proto__")) return false;
  const { subscriptionType, eventType } = e;
  if (subscriptionType === undefined ? eventType === undefined : !isNonEmptyString(subscriptionType))
    return false;
  return (
    (eventType === undefined || isNonEmptyString(eventType)) &&
    isWholeNumber(e.portalId, 1) &&
    isId(e.objectId) &&
    isWholeNumber(e.occurredAt, 0) &&
    isId(e.eventId) &&
    isOptionalId(e.subscriptionId) &&
    isOptionalId(e.appId) &&
    (e.attemptNumber == null || isWholeNumber(e.attemptNumber, 0)) &&
    isOptionalText(e.changeSource) &&
    isOptionalText(e.changeFlag) &&
    isOptionalText(e.sourceId) &&
    isOptionalText(e.objectTypeId) &&
    isOptionalText(e.propertyName) &&
    isOptionalValue(e.propertyValue) &&
    isOptionalText(e.associationType) &&
    (e.associationTypeId == null || isWholeNumber(e.associationTypeId, Number.MIN_SAFE_INTEGER)) &&
    isOptionalText(e.associationCategory) &&
    isOptionalText(e.fromObjectTypeId) &&
    isOptionalId(e.fromObjectId) &&
    isOptionalText(e.toObjectTypeId) &&
    isOptionalId(e.toObjectId) &&
    (e.associationRemoved == null || typeof e.associationRemoved === "boolean") &&
    (e.isPrimaryAssociation == null || typeof e.isPrimaryAssociation === "boolean") &&
    isOptionalId(e.primaryObjectId) &&
    (e.mergedObjectIds == null || isIdArray(e.mergedObjectIds)) &&
    isOptionalId(e.newObjectId) &&
    (e.numberOfPropertiesMoved == null || isWholeNumber(e.numberOfPropertiesMoved, Number.MIN_SAFE_INTEGER))
  );
}

const isNonEmptyString = (v: unknown) => typeof v === "string" && v.length > 0;

/** `z.number().int()` with a lower bound; unsafe integers are left to zod. */
const isWholeNumber = (v: unknown, min: number) => Number.isSafeInteger(v) && (v as number) >= min;

/** `id` in the schema: a whole number ≥ 0, or a string of ASCII digits (`/^\d+$/`). */
function isId(v: unknown): boolean {
  if (typeof v !== "string") return isWholeNumber(v, 0);
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const isOptionalId = (v: unknown) => v == null || isId(v);
const isOptionalText = (v: unknown) => v == null || typeof v === "string";
const isOptionalValue = (v: unknown) =>
  v == null || typeof v === "string" || typeof v === "boolean" || Number.isFinite(v);

function isIdArray(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (const id of v) if (!isId(id)) return false;
  return true;
}
