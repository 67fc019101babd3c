import type { SandboxObjectType } from "./object-types.js";
import type { StoredRecord } from "./record-repo.js";

// CRM search's full-text `query`: HubSpot matches it against an object's default searchable
// properties only, case-insensitively, and never against other properties or the record id. The
// lists are HubSpot's ([MIR] api/crm/search, "Search default searchable properties", the source
// docs/hubspot.md §Rate limits and batching cites), so a contact is found by its company name as in HubSpot.

export const defaultSearchableProperties: Record<SandboxObjectType, readonly string[]> = {
  contacts: [
    "firstname",
    "lastname",
    "email",
    "phone",
    "hs_additional_emails",
    "fax",
    "mobilephone",
    "company",
    "hs_marketable_until_renewal",
  ],
  companies: ["website", "phone", "name", "domain"],
  deals: ["dealname", "pipeline", "dealstage", "description", "dealtype"],
  calls: ["hs_call_title", "hs_body_preview"],
  emails: ["hs_email_subject"],
  meetings: ["hs_meeting_title", "hs_meeting_body"],
  notes: ["hs_note_body"],
  tasks: ["hs_task_body", "hs_task_subject"],
  tickets: ["subject", "content", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_id"],
};

/** True when no query was given, or one of the record's searchable values contains it. */
export function matchesSearchQuery(
  type: SandboxObjectType,
  record: StoredRecord,
  query: string | undefined,
): boolean {
  const wanted = query?.trim().toLowerCase();
  if (!wanted) return true;
  return defaultSearchableProperties[type].some((name) =>
    record.properties[name]?.toLowerCase().includes(wanted),
  );
}
