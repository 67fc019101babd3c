import type { Database } from "better-sqlite3";
import {
  type ConversionSignals,
  LARGE_COMPANY_EMPLOYEES,
  seniorTitles,
  signalSources,
  signalWindowMs,
  targetIndustries,
} from "./conversion-process.js";
import type { StoredRecord } from "./record-repo.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { PAGE_VIEW } from "./web-event-types.js";

// A contact's signals at its decision instant T as the portal's own stores hold them (docs/decisions.md
// §Sandbox conversion process): whatever put the events there (the seed's background activity or the
// planted signals), the probability of converting is computed from what an app reading the portal can
// see, the job title as of T included.

function prepareQueries(db: Database) {
  return {
    submissions: db.prepare<[string, string, number, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM form_submissions s JOIN forms f ON f.guid = s.form_guid
       WHERE s.email = ? AND f.name = ? AND s.submitted_at >= ? AND s.submitted_at < ?`,
    ),
    pageViews: db.prepare<[number, string, string, number, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM web_events WHERE object_type = 'contacts' AND object_id = ?
       AND event_type = ? AND json_extract(properties, '$.hs_url') = ? AND occurred_at >= ? AND occurred_at < ?`,
    ),
    clicks: db.prepare<[string, number, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM email_events WHERE recipient = ? AND type = 'CLICK'
       AND created >= ? AND created < ?`,
    ),
    meetings: db.prepare<[number], { properties: string }>(
      `SELECT r.properties AS properties FROM associations a JOIN records r ON r.id = a.to_id
       WHERE a.from_type = 'contacts' AND a.from_id = ? AND a.to_type = 'meetings' AND r.archived = 0`,
    ),
    primaryCompany: db.prepare<[number], { id: number }>(
      `SELECT a.to_id AS id FROM associations a JOIN records r ON r.id = a.to_id
       WHERE a.from_type = 'contacts' AND a.from_id = ? AND a.to_type = 'companies' AND a.label = 'Primary'
       AND r.archived = 0 ORDER BY a.to_id LIMIT 1`,
    ),
  };
}

const prepared = new WeakMap<Database, ReturnType<typeof prepareQueries>>();
function queriesOf(db: Database) {
  const found = prepared.get(db) ?? prepareQueries(db);
  prepared.set(db, found);
  return found;
}

/** The contact's primary company, or null for a contact without one. */
export function primaryCompanyOf(portal: SandboxPortal, contactId: number): StoredRecord | null {
  const row = queriesOf(portal.db).primaryCompany.get(contactId);
  return row ? portal.records.get("companies", row.id) : null;
}

/** The value a property had at `atMs`, from its history (docs/decisions.md §Sandbox property history). */
export function valueAsOf(portal: SandboxPortal, record: StoredRecord, name: string, atMs: number) {
  const version = portal.records.historyOf(record, name).find((v) => Date.parse(v.timestamp) <= atMs);
  return version?.value ? version.value : undefined;
}

/**
 * The contact's signals at T: the job title as of T (one changed since counts as it was then), the
 * primary company's industry and size as they are (they never change in the seeds, and the contact has
 * carried copies of both since its creation, before T, even where the company record came later), and
 * engagement from the events in [T − 30 days, T).
 */
export function observedSignals(
  portal: SandboxPortal,
  contact: StoredRecord,
  decisionAtMs: number,
): ConversionSignals {
  const queries = queriesOf(portal.db);
  const email = contact.properties.email?.toLowerCase() ?? "";
  const from = decisionAtMs - signalWindowMs;
  const submitted = (form: string) => queries.submissions.get(email, form, from, decisionAtMs)?.n ?? 0;
  const viewed = (url: string) =>
    queries.pageViews.get(contact.id, PAGE_VIEW, url, from, decisionAtMs)?.n ?? 0;
  const completedMeetings = queries.meetings.all(contact.id).filter((row) => {
    const meeting = JSON.parse(row.properties) as Record<string, string>;
    const endedAt = Date.parse(meeting.hs_meeting_end_time ?? "");
    return meeting.hs_meeting_outcome === "COMPLETED" && endedAt >= from && endedAt < decisionAtMs;
  }).length;
  const company = primaryCompanyOf(portal, contact.id);
  const title = valueAsOf(portal, contact, "jobtitle", decisionAtMs);
  const { industry, numberofemployees: employees } = company?.properties ?? {};
  return {
    seniorTitle: title !== undefined && seniorTitles.has(title) ? 1 : 0,
    targetIndustry: industry !== undefined && targetIndustries.has(industry) ? 1 : 0,
    largeCompany: Number(employees ?? 0) >= LARGE_COMPANY_EMPLOYEES ? 1 : 0,
    demoRequests: submitted(signalSources.demoForm),
    pricingPageViews: viewed(signalSources.pricingPage),
    completedMeetings,
    emailClicks: queries.clicks.get(email, from, decisionAtMs)?.n ?? 0,
    careersPageViews: viewed(signalSources.careersPage),
    newsletterSignups: submitted(signalSources.newsletterForm),
  };
}
