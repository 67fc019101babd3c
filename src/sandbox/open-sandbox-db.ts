import { mkdirSync } from "node:fs";
import { join } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";

// One SQLite file holds the whole portal: records (properties as JSON, one id sequence shared by
// every object type, as HubSpot ids never repeat across a portal's objects in practice), changed
// properties' past values, both directions of every association, property definitions and groups,
// lists, OAuth grants, the
// change feed a webhook sender reads, `meta` (seed name, clock offset), and the marketing and web
// sources (docs/decisions.md §Sandbox marketing and web sources): email campaigns and their events,
// forms and their submissions, event-analytics occurrences (their ids follow from `seq`).

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  object_type TEXT NOT NULL,
  properties TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS records_by_type ON records (object_type, id);
-- Past values of properties that changed after their record's creation (property-history.ts).
CREATE TABLE IF NOT EXISTS property_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, record_id INTEGER NOT NULL, name TEXT NOT NULL,
  value TEXT NOT NULL, set_at INTEGER NOT NULL, source_type TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS property_history_by_record ON property_history (record_id, name, set_at);
CREATE TABLE IF NOT EXISTS associations (
  from_type TEXT NOT NULL, from_id INTEGER NOT NULL, to_type TEXT NOT NULL, to_id INTEGER NOT NULL,
  category TEXT NOT NULL, type_id INTEGER NOT NULL, label TEXT,
  PRIMARY KEY (from_type, from_id, to_type, to_id, type_id)
) WITHOUT ROWID;
-- A deleted record's associations, both directions, kept for a restore (record-removals.ts).
CREATE TABLE IF NOT EXISTS archived_associations (
  from_type TEXT NOT NULL, from_id INTEGER NOT NULL, to_type TEXT NOT NULL, to_id INTEGER NOT NULL,
  category TEXT NOT NULL, type_id INTEGER NOT NULL, label TEXT,
  PRIMARY KEY (from_type, from_id, to_type, to_id, type_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS association_labels (
  from_type TEXT NOT NULL, to_type TEXT NOT NULL, type_id INTEGER NOT NULL, label TEXT NOT NULL,
  PRIMARY KEY (from_type, to_type, type_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS properties (
  object_type TEXT NOT NULL, name TEXT NOT NULL, definition TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (object_type, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS property_groups (
  object_type TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL, display_order INTEGER NOT NULL,
  PRIMARY KEY (object_type, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lists (
  list_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, object_type_id TEXT NOT NULL,
  processing_type TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS list_members (
  list_id INTEGER NOT NULL, record_id INTEGER NOT NULL, added_at INTEGER NOT NULL,
  PRIMARY KEY (list_id, record_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS list_members_by_record ON list_members (record_id);
CREATE TABLE IF NOT EXISTS oauth_codes (
  code TEXT PRIMARY KEY, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL, scopes TEXT NOT NULL,
  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS oauth_tokens (
  token TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT NOT NULL, scopes TEXT NOT NULL,
  issued_at INTEGER NOT NULL, expires_at INTEGER, revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  object_type TEXT NOT NULL, object_id INTEGER NOT NULL, subscription_type TEXT NOT NULL,
  property_name TEXT, property_value TEXT, change_source TEXT NOT NULL, occurred_at INTEGER NOT NULL,
  details TEXT
);
CREATE TABLE IF NOT EXISTS email_campaigns (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, subject TEXT NOT NULL, created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS email_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, campaign_id INTEGER NOT NULL,
  recipient TEXT NOT NULL, type TEXT NOT NULL, created INTEGER NOT NULL, details TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS email_events_by_time ON email_events (created, seq);
CREATE INDEX IF NOT EXISTS email_events_by_recipient ON email_events (recipient, created);
CREATE TABLE IF NOT EXISTS forms (
  guid TEXT PRIMARY KEY, name TEXT NOT NULL, fields TEXT NOT NULL, created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS form_submissions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, form_guid TEXT NOT NULL,
  submitted_at INTEGER NOT NULL, field_values TEXT NOT NULL, page_url TEXT NOT NULL, email TEXT
);
CREATE INDEX IF NOT EXISTS form_submissions_by_form ON form_submissions (form_guid, submitted_at, seq);
CREATE INDEX IF NOT EXISTS form_submissions_by_email ON form_submissions (email, submitted_at);
CREATE TABLE IF NOT EXISTS web_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, event_type TEXT NOT NULL,
  object_type TEXT NOT NULL, object_id INTEGER NOT NULL, occurred_at INTEGER NOT NULL, properties TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS web_events_by_object ON web_events (object_type, object_id, occurred_at, seq);
CREATE INDEX IF NOT EXISTS web_events_by_time ON web_events (occurred_at, seq);
`;

/** Opens (creating when needed) `<dataDir>/sandbox.sqlite`; ":memory:" keeps everything in memory. */
export function openSandboxDb(dataDir: string): Database {
  const file = dataDir === ":memory:" ? ":memory:" : join(dataDir, "sandbox.sqlite");
  if (file !== ":memory:") mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(schema);
  return db;
}
