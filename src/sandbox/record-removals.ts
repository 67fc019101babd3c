import { objectTypeIdOf, type SandboxObjectType } from "./object-types.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// What HubSpot's UI does when a person deletes, restores or merges records, or a contact asks to be
// forgotten (GDPR), with the webhooks HubSpot sends for each (docs/hubspot.md §Webhook payloads): `*.deletion`,
// `*.restore`, `*.merge` with primaryObjectId, mergedObjectIds, newObjectId and
// numberOfPropertiesMoved, and `contact.privacyDeletion` together with `contact.deletion`. A deleted
// record's associations are set aside, each side hearing of it as an association removed, so a
// company learns its contact left; a restore brings them back the same way. docs/hubspot.md does not say
// whether HubSpot announces those association changes; the sandbox does, as it would for a person
// removing them one by one.

export type ChangeContext = { nowMs: number; changeSource: string };

/**
 * Deletes (archives) a live record, or restores a deleted one with its associations; false when the
 * record is not in the state to change from.
 */
export function setRecordDeleted(
  portal: SandboxPortal,
  type: SandboxObjectType,
  id: number,
  deleted: boolean,
  at: ChangeContext,
): boolean {
  return portal.db.transaction(() => {
    if (!portal.records.setArchived(type, id, deleted, at.nowMs)) return false;
    const kind = deleted ? "deletion" : "restore";
    portal.changes.append({
      objectType: type,
      objectId: id,
      kind,
      changeSource: at.changeSource,
      occurredAt: at.nowMs,
    });
    if (deleted) {
      portal.associations.archiveOf(type, id, at);
      portal.lists.removeEverywhere(id, objectTypeIdOf[type], at.nowMs);
    } else portal.associations.restoreOf(type, id, at);
    return true;
  })();
}

export type MergeOutcome = {
  primaryObjectId: number;
  mergedObjectIds: number[];
  numberOfPropertiesMoved: number;
};

/**
 * Merges `mergedId` into `primaryId`, as HubSpot's merge does: the primary keeps its id and its
 * values; a property only the merged record has moves over; every association of the merged record
 * (its engagements included) moves to the primary; the merged record is gone. Null when either is
 * not a live record of `type`, or they are the same.
 */
export function mergeRecords(
  portal: SandboxPortal,
  type: SandboxObjectType,
  primaryId: number,
  mergedId: number,
  at: ChangeContext,
): MergeOutcome | null {
  return portal.db.transaction(() => {
    const primary = portal.records.get(type, primaryId);
    const merged = portal.records.get(type, mergedId);
    if (!primary || !merged || primaryId === mergedId) return null;
    const moved = Object.fromEntries(
      Object.entries(merged.properties).filter(([name]) => primary.properties[name] === undefined),
    );
    portal.records.update(type, primaryId, moved, { nowMs: at.nowMs, changeSource: null });
    portal.associations.moveAll(type, mergedId, primaryId);
    portal.lists.removeEverywhere(mergedId, objectTypeIdOf[type], at.nowMs);
    portal.records.purge(type, mergedId);
    const outcome = {
      primaryObjectId: primaryId,
      mergedObjectIds: [mergedId],
      numberOfPropertiesMoved: Object.keys(moved).length,
    };
    portal.changes.append({
      objectType: type,
      objectId: primaryId,
      kind: "merge",
      changeSource: at.changeSource,
      occurredAt: at.nowMs,
      details: { ...outcome, newObjectId: primaryId },
    });
    return outcome;
  })();
}

/** Erases a contact for good (HubSpot's GDPR delete); false when there is no such contact. */
export function privacyDeleteContact(portal: SandboxPortal, id: number, at: ChangeContext): boolean {
  return portal.db.transaction(() => {
    const contact = portal.records.get("contacts", id);
    if (!contact) return false;
    // Its marketing and web activity goes too: HubSpot erases everything it holds of the person.
    const email = contact.properties.email;
    if (email) {
      portal.emailEvents.eraseRecipient(email);
      portal.forms.eraseEmail(email);
    }
    portal.webEvents.eraseObject("contacts", id);
    portal.associations.purgeOf("contacts", id, at);
    portal.lists.removeEverywhere(id, objectTypeIdOf.contacts, at.nowMs);
    portal.records.purge("contacts", id);
    for (const kind of ["privacyDeletion", "deletion"] as const)
      portal.changes.append({
        objectType: "contacts",
        objectId: id,
        kind,
        changeSource: at.changeSource,
        occurredAt: at.nowMs,
      });
    return true;
  })();
}
