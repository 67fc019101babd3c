import type { Database } from "better-sqlite3";
import { selectNewestFirst } from "./newest-first-query.js";
import type { CursorPosition } from "./paging-cursor.js";
import { stableUuid } from "./stable-uuid.js";

// Event-analytics occurrences (docs/hubspot.md §Event analytics): page views, CTA clicks, ad interactions and
// custom behavioural events of a CRM record, each with its properties as strings. Names and
// properties: docs/decisions.md §Sandbox marketing and web sources.

export interface StoredWebEvent {
  seq: number;
  id: string;
  eventType: string;
  objectType: string;
  objectId: number;
  occurredAt: number;
  properties: Record<string, string>;
}

export interface WebEventFilter {
  objectType?: string;
  objectId?: number;
  eventType?: string;
  occurredAfter?: number;
  occurredBefore?: number;
}

export interface WebEventRepo {
  append(input: Omit<StoredWebEvent, "seq" | "id">): StoredWebEvent;
  /** Newest first, strictly older than `before` when given. */
  page(filter: WebEventFilter, before: CursorPosition | null, limit: number): StoredWebEvent[];
  /** Forgets every event of a record (a contact's privacy deletion); how many. */
  eraseObject(objectType: string, objectId: number): number;
  /** Every event type that occurred in the portal. */
  types(): string[];
}

type Row = {
  seq: number;
  event_type: string;
  object_type: string;
  object_id: number;
  occurred_at: number;
  properties: string;
};

const toEvent = (row: Row): StoredWebEvent => ({
  seq: row.seq,
  id: stableUuid("web-event", row.seq),
  eventType: row.event_type,
  objectType: row.object_type,
  objectId: row.object_id,
  occurredAt: row.occurred_at,
  properties: JSON.parse(row.properties) as Record<string, string>,
});

export function createWebEventRepo(db: Database): WebEventRepo {
  const insert = db.prepare(
    "INSERT INTO web_events (event_type, object_type, object_id, occurred_at, properties) VALUES (?, ?, ?, ?, ?)",
  );
  const eraseByObject = db.prepare("DELETE FROM web_events WHERE object_type = ? AND object_id = ?");
  const distinctTypes = db.prepare<[], { event_type: string }>(
    "SELECT DISTINCT event_type FROM web_events ORDER BY event_type",
  );
  return {
    append(input) {
      const seq = Number(
        insert.run(
          input.eventType,
          input.objectType,
          input.objectId,
          input.occurredAt,
          JSON.stringify(input.properties),
        ).lastInsertRowid,
      );
      // The id only when read: seeding appends tens of thousands and reads none.
      return {
        ...input,
        seq,
        get id() {
          return stableUuid("web-event", seq);
        },
      };
    },
    page: (filter, before, limit) =>
      selectNewestFirst<Row>(
        db,
        "web_events",
        "occurred_at",
        [
          ["object_type = ?", filter.objectType],
          ["object_id = ?", filter.objectId],
          ["event_type = ?", filter.eventType],
          ["occurred_at >= ?", filter.occurredAfter],
          ["occurred_at <= ?", filter.occurredBefore],
        ],
        before,
        limit,
      ).map(toEvent),
    eraseObject: (objectType, objectId) => eraseByObject.run(objectType, objectId).changes,
    types: () => distinctTypes.all().map((row) => row.event_type),
  };
}
