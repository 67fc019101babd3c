import type { SandboxObjectType } from "./object-types.js";
import type { StoredRecord } from "./record-repo.js";

// CRM search's full-text `query`: HubSpot matches it against an object's default searchable
// properties only (CRM search guide, "Search default searchable properties"), case-insensitively, and
// never against other properties or the record id. The sandbox keeps to the ones the app's "Test a
// record" relies on; engagements have none here, so a query finds none of them.

export const defaultSearchableProperties: Partial<Record<SandboxObjectType, readonly string[]>> = {
  contacts: ["email", "firstname", "lastname", "phone"],
  companies: ["name", "domain"],
  deals: ["dealname"],
};

/** True when no query was given, or one of the record's searchable values contains it. */
export function matchesSearchQuery(
  type: SandboxObjectType,
  record: StoredRecord,
  query: string | undefined,
): boolean {
  const wanted = query?.trim().toLowerCase();
  if (!wanted) return true;
  return (defaultSearchableProperties[type] ?? []).some((name) =>
    record.properties[name]?.toLowerCase().includes(wanted),
  );
}
