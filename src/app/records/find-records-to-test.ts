import {
  type CrmClient,
  type CrmProperties,
  foundRecordProperties,
  type ScoredObjectType,
} from "../../ports/crm-client.js";

// "Test a record: find it by email, name or id" (docs/decisions.md §Test a record search). CRM search's
// `query` looks at the default searchable properties and not at ids, so a query of digits is also read as an
// id; it is still searched, as digits may be part of a phone number.

export type FoundRecord = {
  id: string;
  /** What a person recognises the record by: name and email, name and domain, deal name. */
  label: string;
  properties: CrmProperties;
};

const MAX_FOUND = 10;

export function labelRecord(objectType: ScoredObjectType, id: string, p: CrmProperties): string {
  const parts =
    objectType === "contacts"
      ? [[p.firstname, p.lastname].filter(Boolean).join(" "), p.email]
      : objectType === "companies"
        ? [p.name, p.domain]
        : [p.dealname];
  const shown = parts.filter((part): part is string => Boolean(part?.trim()));
  return shown.length > 0 ? shown.join(" · ") : `${objectType} ${id} (no name)`;
}

/** Up to 10 records matching a query: the record whose id it is first, then CRM search's matches. */
export async function findRecordsToTest(
  deps: { crmFor: (portalId: number) => Pick<CrmClient, "readRecords" | "findRecords"> },
  portalId: number,
  objectType: ScoredObjectType,
  query: string,
): Promise<FoundRecord[]> {
  const crm = deps.crmFor(portalId);
  const wanted = query.trim();
  // HubSpot ids have no leading zero: "0612…" is a phone number, not an id to read.
  const isId = /^[1-9]\d{0,18}$/.test(wanted);
  const [byId, bySearch] = await Promise.all([
    isId ? crm.readRecords(objectType, [wanted], foundRecordProperties[objectType]) : [],
    crm.findRecords(objectType, wanted),
  ]);
  const seen = new Set<string>();
  const found: FoundRecord[] = [];
  for (const record of [...byId, ...bySearch]) {
    if (seen.has(record.id) || found.length >= MAX_FOUND) continue;
    seen.add(record.id);
    found.push({
      id: record.id,
      label: labelRecord(objectType, record.id, record.properties),
      properties: record.properties,
    });
  }
  return found;
}
