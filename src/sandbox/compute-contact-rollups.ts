import type { Database } from "better-sqlite3";
import type { WriteOptions } from "./record-repo.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// A contact's roll-up properties (docs/hubspot.md §Contact roll-up properties), computed from the portal's own events so they
// always agree with the feeds the app reads: marketing email counts and last dates (by the contact's
// email as recipient), form conversions (by the email among the submitted values) and page views
// and sessions (analytics events of the contact). A source the contact has no event of leaves its
// roll-ups unset. Opened, clicked and bounced count emails (campaigns), not events: two opens of one
// email are one email opened.

/** A new session starts after 30 minutes without a page view (HubSpot's session timeout). */
const SESSION_GAP_MS = 30 * 60_000;
const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
const count = (n: number | undefined) => String(n ?? 0);

function prepareQueries(db: Database) {
  return {
    email: db.prepare<[string], { type: string; n: number; emails: number; last: number }>(
      `SELECT type, COUNT(*) AS n, COUNT(DISTINCT campaign_id) AS emails, MAX(created) AS last
       FROM email_events WHERE recipient = ? GROUP BY type`,
    ),
    conversions: db.prepare<[string], { at: number; name: string }>(
      `SELECT s.submitted_at AS at, f.name AS name FROM form_submissions s JOIN forms f ON f.guid = s.form_guid
       WHERE s.email = ? ORDER BY s.submitted_at, s.seq`,
    ),
    views: db.prepare<[number], { at: number }>(
      `SELECT occurred_at AS at FROM web_events
       WHERE object_type = 'contacts' AND object_id = ? AND event_type = 'e_visited_page' ORDER BY occurred_at, seq`,
    ),
    byEmail: db.prepare<[string], { id: number }>(
      `SELECT id FROM records WHERE object_type = 'contacts' AND archived = 0
       AND lower(json_extract(properties, '$.email')) = ? ORDER BY id LIMIT 1`,
    ),
  };
}

/** Statements prepared once per database: seeding computes thousands of contacts' roll-ups. */
const prepared = new WeakMap<Database, ReturnType<typeof prepareQueries>>();
function queriesOf(db: Database) {
  const found = prepared.get(db) ?? prepareQueries(db);
  prepared.set(db, found);
  return found;
}

export function computeContactRollups(
  portal: SandboxPortal,
  contactId: number,
  email: string | undefined,
): Record<string, string | null> {
  const recipient = email?.toLowerCase() ?? "";
  const queries = queriesOf(portal.db);
  const emailRows = queries.email.all(recipient);
  const byType = new Map(emailRows.map((row) => [row.type, row]));
  const anyEmail = emailRows.length > 0;
  const conversions = queries.conversions.all(recipient);
  const views = queries.views.all(contactId).map((row) => row.at);
  const sessionStarts = views.filter((at, i) => i === 0 || at - (views[i - 1] ?? at) > SESSION_GAP_MS);
  const [first, recent] = [conversions[0], conversions.at(-1)];
  return {
    hs_email_delivered: anyEmail ? count(byType.get("DELIVERED")?.n) : null,
    hs_email_open: anyEmail ? count(byType.get("OPEN")?.emails) : null,
    hs_email_click: anyEmail ? count(byType.get("CLICK")?.emails) : null,
    hs_email_bounce: anyEmail ? count(byType.get("BOUNCE")?.emails) : null,
    hs_email_last_open_date: iso(byType.get("OPEN")?.last),
    hs_email_last_click_date: iso(byType.get("CLICK")?.last),
    num_conversion_events: conversions.length > 0 ? String(conversions.length) : null,
    first_conversion_date: iso(first?.at),
    first_conversion_event_name: first?.name ?? null,
    recent_conversion_date: iso(recent?.at),
    recent_conversion_event_name: recent?.name ?? null,
    hs_analytics_num_page_views: views.length > 0 ? String(views.length) : null,
    hs_analytics_num_visits: views.length > 0 ? String(sessionStarts.length) : null,
    hs_analytics_last_visit_timestamp: iso(sessionStarts.at(-1)),
    hs_analytics_last_timestamp: iso(views.at(-1)),
  };
}

/**
 * Writes the contact's roll-ups; each value that changed is a property change (a
 * `contact.propertyChange` webhook, unless `changeSource` is null as when seeding).
 */
export function refreshContactRollups(portal: SandboxPortal, contactId: number, write: WriteOptions): void {
  const contact = portal.records.get("contacts", contactId);
  if (!contact) return;
  portal.records.update(
    "contacts",
    contactId,
    computeContactRollups(portal, contactId, contact.properties.email),
    write,
  );
}

/** The live contact with this email (case-insensitive), as HubSpot matches a form's or email's address. */
export function findContactIdByEmail(portal: SandboxPortal, email: string): number | null {
  return queriesOf(portal.db).byEmail.get(email.toLowerCase())?.id ?? null;
}
