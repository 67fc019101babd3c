import type { Database, Statement } from "better-sqlite3";
import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import { encodeInboxEvent } from "./inbox-event-text.js";

/** HubSpot sends at most 100 events a delivery (docs/hubspot.md §Webhook payloads): one statement holds a whole one. */
export const MAX_ROWS_PER_INSERT = 100;
const COLUMNS_PER_ROW = 6;

/**
 * Inserts events as pending rows, skipping dedupe keys already held; returns how many were stored.
 * Call it inside a transaction: it may run several statements.
 *
 * One multi-row INSERT per delivery rather than one per event: each statement run costs ~4 µs of
 * binding and set-up whatever its size, so 100 one-row INSERTs took 0.86 ms of CPU where one took
 * 0.45 ms. SQLite still inserts row by row, so a duplicate inside one statement is skipped as before.
 */
export function prepareInboxInsert(db: Database): (events: readonly WebhookEvent[], t: number) => number {
  // One prepared statement per row count met (at most MAX_ROWS_PER_INSERT of them), made on first use.
  const statements = new Map<number, Statement<unknown[]>>();
  const statementFor = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      const values = Array.from({ length: rows }, () => "(?, ?, ?, 'pending', ?, ?, ?)").join(", ");
      statement = db.prepare<unknown[]>(
        `INSERT INTO webhook_inbox (dedupe_key, portal_id, event, status, available_at_ms, received_at_ms, updated_at_ms)
         VALUES ${values} ON CONFLICT (dedupe_key) DO NOTHING`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };

  return (events, t) => {
    let stored = 0;
    for (let start = 0; start < events.length; start += MAX_ROWS_PER_INSERT) {
      const rows = Math.min(MAX_ROWS_PER_INSERT, events.length - start);
      const params: unknown[] = new Array(rows * COLUMNS_PER_ROW);
      for (let i = 0; i < rows; i++) {
        const e = events[start + i] as WebhookEvent;
        const p = i * COLUMNS_PER_ROW;
        params[p] = e.dedupeKey;
        params[p + 1] = e.portalId;
        params[p + 2] = encodeInboxEvent(e);
        params[p + 3] = t;
        params[p + 4] = t;
        params[p + 5] = t;
      }
      stored += statementFor(rows).run(params).changes;
    }
    return stored;
  };
}
