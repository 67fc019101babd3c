import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Inbox, InboxEntry, InboxStatus } from "../../ports/inbox.js";
import { createGroupCommit } from "./group-commit.js";
import { decodeInboxEvent } from "./inbox-event-text.js";
import { type InboxRow, prepareInboxDatabase } from "./inbox-schema.js";
import { prepareInboxInsert } from "./prepare-inbox-insert.js";
import { startWalCheckpointer } from "./wal-checkpointer.js";

export type SqliteInboxOptions = {
  /** The database file, e.g. `${DATA_DIR}/inbox.sqlite`; its folder is created. */
  file: string;
  /** synchronous=FULL (an fsync per commit, shared by concurrent deliveries) instead of NORMAL: QUEUE_FSYNC=1. */
  fsync?: boolean;
  now?: () => number;
  /** Claims an entry gets before it is parked. */
  maxAttempts?: number;
  /** How long a claim holds an entry before another claim may take it again. */
  leaseMs?: number;
  /** Delay before retry number `attempts + 1`, when fail() is given no time. */
  backoffMs?: (attempts: number) => number;
  /** Hears failures of the background WAL checkpoint (the app logs them). */
  onCheckpointError?: (message: string) => void;
};

/**
 * Processed entries are kept 48 h (docs/decisions.md §Webhook inbox), longer than HubSpot retries a
 * delivery (24 h, docs/hubspot.md §Webhook delivery), so a late retry of an event still finds its dedupe key.
 */
export const DONE_RETENTION_MS = 48 * 60 * 60 * 1000;

/** 30 s, 1 min, 2 min ... capped at 1 h. */
export const exponentialBackoffMs = (attempts: number) =>
  Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

const toEntry = (r: InboxRow): InboxEntry => ({
  id: r.id,
  event: decodeInboxEvent(r.event, r.dedupe_key),
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  receivedAtMs: r.received_at_ms,
  updatedAtMs: r.updated_at_ms,
});

/** The webhook inbox on better-sqlite3: each method resolves after its commit. */
export function openSqliteInbox(options: SqliteInboxOptions): Inbox {
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 8;
  const leaseMs = options.leaseMs ?? 5 * 60 * 1000;
  const backoffMs = options.backoffMs ?? exponentialBackoffMs;
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  prepareInboxDatabase(db, options.fsync ?? false);
  const checkpointer = startWalCheckpointer({
    file: options.file,
    fsync: options.fsync ?? false,
    ...(options.onCheckpointError ? { onError: options.onCheckpointError } : {}),
  });

  // After a crash, what was processing belongs to no one: back to pending, or parked when its claims
  // are used up, so an event that kills the process cannot crash it forever. One process owns the file.
  const exhausted = `attempts >= ${maxAttempts}`;
  db.prepare(
    `UPDATE webhook_inbox SET status = CASE WHEN ${exhausted} THEN 'parked' ELSE 'pending' END,
       last_error = CASE WHEN ${exhausted} THEN 'abandoned while processing (the app stopped)' ELSE last_error END,
       available_at_ms = @t, updated_at_ms = @t WHERE status = 'processing'`,
  ).run({ t: now() });

  // Atomic per delivery (docs/decisions.md §Webhook inbox), committed together with the deliveries that
  // arrived beside it: see group-commit.ts for why that still stores all of each delivery's events or none.
  const appendGroup = createGroupCommit(db, prepareInboxInsert(db));
  const claimRows = db.prepare<{ t: number; until: number; limit: number }, InboxRow>(
    `UPDATE webhook_inbox SET status = 'processing', attempts = attempts + 1, available_at_ms = @until, updated_at_ms = @t
     WHERE id IN (SELECT id FROM webhook_inbox WHERE status IN ('pending', 'processing') AND available_at_ms <= @t
                  ORDER BY id LIMIT @limit)
     RETURNING *`,
  );
  const completeOne = db.prepare(
    "UPDATE webhook_inbox SET status = 'done', last_error = NULL, updated_at_ms = ? WHERE id = ? AND status = 'processing'",
  );
  const completeAll = db.transaction((ids: readonly number[], t: number) => {
    for (const id of ids) completeOne.run(t, id);
  });
  const attemptsOf = db.prepare<[number], { attempts: number }>(
    "SELECT attempts FROM webhook_inbox WHERE id = ? AND status = 'processing'",
  );
  const failOne = db.prepare(
    "UPDATE webhook_inbox SET status = ?, last_error = ?, available_at_ms = ?, updated_at_ms = ? WHERE id = ?",
  );
  const parkedRows = db.prepare<[number, number], InboxRow>(
    "SELECT * FROM webhook_inbox WHERE status = 'parked' AND portal_id = ? ORDER BY id LIMIT ?",
  );
  const purge = db.prepare("DELETE FROM webhook_inbox WHERE status = 'done' AND updated_at_ms < ?");
  const countRows = db.prepare<[], { status: InboxStatus; n: number }>(
    "SELECT status, count(*) AS n FROM webhook_inbox GROUP BY status",
  );
  // The oldest open row has the lowest id (ids grow with arrival): one step down the claimable index.
  const oldestOpen = db.prepare<[], { t: number }>(
    "SELECT received_at_ms AS t FROM webhook_inbox WHERE status IN ('pending', 'processing') ORDER BY id LIMIT 1",
  );

  return {
    async append(events) {
      const stored = await appendGroup.run(events, now());
      return { stored, duplicates: events.length - stored };
    },
    async claim(limit) {
      const t = now();
      const rows = claimRows.all({ t, until: t + leaseMs, limit });
      return rows.sort((a, b) => a.id - b.id).map(toEntry);
    },
    async complete(ids) {
      completeAll(ids, now());
    },
    async fail(id, error, retryAtMs) {
      const row = attemptsOf.get(id);
      if (!row) throw new Error(`inbox entry ${id} is not being processed: claim it before failing it`);
      const t = now();
      const status = row.attempts >= maxAttempts ? "parked" : "pending";
      failOne.run(status, error, retryAtMs ?? t + backoffMs(row.attempts), t, id);
      return status;
    },
    async parked(portalId, limit = 1000) {
      return parkedRows.all(portalId, limit).map(toEntry);
    },
    async purgeDone(olderThanMs = DONE_RETENTION_MS) {
      return purge.run(now() - olderThanMs).changes;
    },
    async counts() {
      const counts: Record<InboxStatus, number> = { pending: 0, processing: 0, done: 0, parked: 0 };
      for (const r of countRows.all()) counts[r.status] = r.n;
      return counts;
    },
    async oldestOpenReceivedAtMs() {
      return oldestOpen.get()?.t ?? null;
    },
    async close() {
      appendGroup.flush();
      await checkpointer.stop();
      db.close();
    },
  };
}
