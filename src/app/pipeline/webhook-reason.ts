import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import type { HistoryReason } from "../../ports/record-store.js";

// Why a webhook led to a rescore, kept with the values it wrote (docs/scoring.md §History): the page
// says "meeting logged" or "job title changed" where it said "webhook".

/** The reason one event gives; null for events that say nothing a person could act on ("other"). */
export function webhookReason(event: WebhookEvent): HistoryReason | null {
  switch (event.change) {
    case "propertyChange":
      return event.propertyName
        ? { kind: "property", object: event.objectType, property: event.propertyName }
        : null;
    case "associationChange": {
      const a = event.association;
      if (!a?.fromObjectType || !a.toObjectType) return null;
      return { kind: "association", from: a.fromObjectType, to: a.toObjectType };
    }
    case "creation":
    case "deletion":
    case "restore":
    case "merge":
    case "privacyDeletion":
      return { kind: "record", object: event.objectType, change: event.change };
    default:
      return null;
  }
}

/** A burst of changes to one record keeps at most this many reasons per written value. */
export const MAX_REASONS = 5;

/** Adds a reason to a record's set (keyed by its content, so repeats count once), up to MAX_REASONS. */
export function addReason(reasons: Map<string, HistoryReason>, reason: HistoryReason | null): void {
  if (reason === null || reasons.size >= MAX_REASONS) return;
  reasons.set(JSON.stringify(reason), reason);
}
