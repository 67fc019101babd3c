import type { Database } from "better-sqlite3";
import { selectNewestFirst } from "./newest-first-query.js";
import type { CursorPosition } from "./paging-cursor.js";
import { stableUuid } from "./stable-uuid.js";

// Marketing email campaigns and their per-recipient events (docs/hubspot.md §Marketing email events). An event's id is
// derived from its sequence number; `details` holds what varies between events of a type (a
// CLICK's url, the recipient's place), from which email-event-details.ts builds the rest.
// Recipients are stored lower-cased.

export const emailEventTypes = [
  "SENT",
  "DROPPED",
  "PROCESSED",
  "DELIVERED",
  "DEFERRED",
  "BOUNCE",
  "OPEN",
  "CLICK",
  "PRINT",
  "FORWARD",
  "STATUSCHANGE",
  "SPAMREPORT",
  "UNBOUNCE",
] as const;
export type EmailEventType = (typeof emailEventTypes)[number];

export interface EmailCampaign {
  id: number;
  name: string;
  subject: string;
  createdAtMs: number;
}

export interface StoredEmailEvent {
  seq: number;
  id: string;
  campaignId: number;
  recipient: string;
  type: string;
  created: number;
  details: Record<string, unknown>;
}

export interface EmailEventFilter {
  campaignId?: number;
  recipient?: string;
  eventType?: string;
  startTimestamp?: number;
  endTimestamp?: number;
}

export interface EmailEventRepo {
  createCampaign(input: Omit<EmailCampaign, "id">): EmailCampaign;
  campaign(id: number): EmailCampaign | null;
  /** Campaigns, newest first. */
  campaigns(): EmailCampaign[];
  append(input: Omit<StoredEmailEvent, "seq" | "id">): StoredEmailEvent;
  /** Newest first, strictly older than `before` when given. */
  page(filter: EmailEventFilter, before: CursorPosition | null, limit: number): StoredEmailEvent[];
  /** Forgets every event of an address (a contact's privacy deletion); how many. */
  eraseRecipient(recipient: string): number;
  /** Events per type of one campaign (its counters). */
  countsOf(campaignId: number): Record<string, number>;
}

interface EventRow {
  seq: number;
  campaign_id: number;
  recipient: string;
  type: string;
  created: number;
  details: string;
}

const eventIdOf = (seq: number) => stableUuid("email-event", seq);
const toEvent = (row: EventRow): StoredEmailEvent => ({
  seq: row.seq,
  id: eventIdOf(row.seq),
  campaignId: row.campaign_id,
  recipient: row.recipient,
  type: row.type,
  created: row.created,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

/** Email campaign ids are plain integers in HubSpot; the sandbox's start here. */
const FIRST_CAMPAIGN_ID = 61_000_001;

export function createEmailEventRepo(db: Database): EmailEventRepo {
  const insertCampaign = db.prepare(
    "INSERT INTO email_campaigns (id, name, subject, created_at) VALUES (?, ?, ?, ?)",
  );
  const nextCampaignId = db.prepare<[], { id: number | null }>(
    "SELECT MAX(id) + 1 AS id FROM email_campaigns",
  );
  type CampaignRow = { id: number; name: string; subject: string; created_at: number };
  const byId = db.prepare<[number], CampaignRow>("SELECT * FROM email_campaigns WHERE id = ?");
  const all = db.prepare<[], CampaignRow>("SELECT * FROM email_campaigns ORDER BY created_at DESC, id DESC");
  const insertEvent = db.prepare(
    "INSERT INTO email_events (campaign_id, recipient, type, created, details) VALUES (?, ?, ?, ?, ?)",
  );
  const eraseByRecipient = db.prepare("DELETE FROM email_events WHERE recipient = ?");
  const counts = db.prepare<[number], { type: string; n: number }>(
    "SELECT type, COUNT(*) AS n FROM email_events WHERE campaign_id = ? GROUP BY type",
  );
  const toCampaign = (row: CampaignRow): EmailCampaign => ({
    id: row.id,
    name: row.name,
    subject: row.subject,
    createdAtMs: row.created_at,
  });

  return {
    createCampaign(input) {
      const id = nextCampaignId.get()?.id ?? FIRST_CAMPAIGN_ID;
      insertCampaign.run(id, input.name, input.subject, input.createdAtMs);
      return { id, ...input };
    },
    campaign: (id) => {
      const row = byId.get(id);
      return row ? toCampaign(row) : null;
    },
    campaigns: () => all.all().map(toCampaign),
    append(input) {
      const recipient = input.recipient.toLowerCase();
      const seq = Number(
        insertEvent.run(input.campaignId, recipient, input.type, input.created, JSON.stringify(input.details))
          .lastInsertRowid,
      );
      // The id only when read: seeding appends tens of thousands and reads none.
      return {
        ...input,
        recipient,
        seq,
        get id() {
          return eventIdOf(seq);
        },
      };
    },
    page: (filter, before, limit) =>
      selectNewestFirst<EventRow>(
        db,
        "email_events",
        "created",
        [
          ["campaign_id = ?", filter.campaignId],
          ["recipient = ?", filter.recipient?.toLowerCase()],
          ["type = ?", filter.eventType],
          ["created >= ?", filter.startTimestamp],
          ["created <= ?", filter.endTimestamp],
        ],
        before,
        limit,
      ).map(toEvent),
    eraseRecipient: (recipient) => eraseByRecipient.run(recipient.toLowerCase()).changes,
    countsOf: (campaignId) => Object.fromEntries(counts.all(campaignId).map((row) => [row.type, row.n])),
  };
}
