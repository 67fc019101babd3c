import {
  type CrmClient,
  type CrmProperties,
  foundRecordProperties,
  type ScoredObjectType,
} from "../../ports/crm-client.js";
import { labelRecord } from "./find-records-to-test.js";

// Records shown by name, not id, in the admin page's test, impact and history panels (docs/decisions.md
// §Records by name): one batch read through the door for every id a panel shows (100 per call,
// docs/hubspot.md §Rate limits and batching), never a call per record.

export type NamedRecord = {
  id: string;
  /** What a list shows: a contact's full name else email, a company's name else domain, a deal's name. */
  name: string;
  /** Every recognisable part ("Ada Lovelace · ada@example.com"), for a hover. */
  label: string;
};

/** The most a page asks at once: one panel's records (an impact list shows up to 100 moves). */
export const MAX_NAMED = 200;

export function nameRecord(objectType: ScoredObjectType, id: string, p: CrmProperties): string {
  const fullName = [p.firstname, p.lastname].filter((part) => part?.trim()).join(" ");
  const candidates =
    objectType === "contacts"
      ? [fullName, p.email]
      : objectType === "companies"
        ? [p.name, p.domain]
        : [p.dealname];
  return candidates.find((c): c is string => Boolean(c?.trim()))?.trim() ?? `${objectType} ${id} (no name)`;
}

/** The records HubSpot knows among `ids`, named; a deleted record is left out, so the page shows its id. */
export async function nameRecords(
  deps: { crmFor: (portalId: number) => Pick<CrmClient, "readRecords"> },
  portalId: number,
  objectType: ScoredObjectType,
  ids: readonly string[],
): Promise<NamedRecord[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const records = await deps
    .crmFor(portalId)
    .readRecords(objectType, unique, foundRecordProperties[objectType]);
  return records.map((r) => ({
    id: r.id,
    name: nameRecord(objectType, r.id, r.properties),
    label: labelRecord(objectType, r.id, r.properties),
  }));
}
