import type { Database } from "better-sqlite3";

// One row per event, `event` written by inbox-event-text.ts. `available_at_ms` is when a claim may
// take the row: now for a new event, the retry time after a failure, the lease end while processing
// (so a worker that hangs or dies does not hold its entries forever). Partial indexes keep claiming
// fast however many done rows the 48 h retention holds.
const DDL = `
CREATE TABLE IF NOT EXISTS webhook_inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  portal_id INTEGER NOT NULL,
  event TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'processing', 'done', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  available_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_inbox_claimable ON webhook_inbox (id, available_at_ms)
  WHERE status IN ('pending', 'processing');
CREATE INDEX IF NOT EXISTS webhook_inbox_parked ON webhook_inbox (portal_id, id) WHERE status = 'parked';
CREATE INDEX IF NOT EXISTS webhook_inbox_done ON webhook_inbox (updated_at_ms) WHERE status = 'done';
`;

export type InboxRow = {
  id: number;
  dedupe_key: string;
  portal_id: number;
  event: string;
  status: "pending" | "processing" | "done" | "parked";
  attempts: number;
  last_error: string | null;
  available_at_ms: number;
  received_at_ms: number;
  updated_at_ms: number;
};

/**
 * WAL so readers never block the writer and a commit is one append to the -wal file. A committed
 * transaction then survives kill -9 of the app (the OS holds the write); surviving power loss needs
 * an fsync per commit: synchronous=FULL, QUEUE_FSYNC=1 (docs/decisions.md §Webhook inbox).
 * https://sqlite.org/wal.html
 */
export function prepareInboxDatabase(db: Database, fsync: boolean): void {
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${fsync ? "FULL" : "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  // Checkpoints run off the event loop: see wal-checkpointer.ts.
  db.pragma("wal_autocheckpoint = 0");
  db.exec(DDL);
}
