import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { DueIndex, DueRecord } from "../../ports/due-index.js";
import type { ObjectType } from "../../scoring/index.js";

// The due-index is a sorted set ("what is due before t, earliest first"), which keyv cannot answer
// without reading every key; SQLite answers it from an index. Its own file next to the inbox
// (DATA_DIR/due.sqlite): the inbox's file has one owner and its own checkpointer (sqlite-inbox.ts).
// Losing it loses nothing for good: every rescore writes it again and the daily sweep rebuilds it.
const DDL = `
CREATE TABLE IF NOT EXISTS due_records (
  portal_id INTEGER NOT NULL,
  object TEXT NOT NULL,
  record_id TEXT NOT NULL,
  due_at_ms INTEGER NOT NULL,
  PRIMARY KEY (portal_id, object, record_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS due_records_due ON due_records (due_at_ms);
`;

type Row = { portal_id: number; object: ObjectType; record_id: string; due_at_ms: number };

export function openSqliteDueIndex(options: { file: string; fsync?: boolean }): DueIndex {
  if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${options.fsync ? "FULL" : "NORMAL"}`);
  db.pragma("busy_timeout = 5000");
  db.exec(DDL);
  const upsert = db.prepare(
    `INSERT INTO due_records (portal_id, object, record_id, due_at_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (portal_id, object, record_id) DO UPDATE SET due_at_ms = excluded.due_at_ms`,
  );
  const lowerOne = db.prepare(
    `INSERT INTO due_records (portal_id, object, record_id, due_at_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (portal_id, object, record_id) DO UPDATE SET due_at_ms = min(due_at_ms, excluded.due_at_ms)`,
  );
  const lowerAll = db.transaction((portalId: number, object: string, dues: ReadonlyMap<string, number>) => {
    for (const [id, at] of dues) lowerOne.run(portalId, object, id, at);
  });
  const removeOne = db.prepare(
    "DELETE FROM due_records WHERE portal_id = ? AND object = ? AND record_id = ?",
  );
  const setAll = db.transaction(
    (portalId: number, object: string, dues: ReadonlyMap<string, number | null>) => {
      for (const [id, at] of dues) {
        if (at === null) removeOne.run(portalId, object, id);
        else upsert.run(portalId, object, id, at);
      }
    },
  );
  const removeAll = db.transaction((portalId: number, object: string, ids: readonly string[]) => {
    for (const id of ids) removeOne.run(portalId, object, id);
  });
  const dueRows = db.prepare<[number, number], Row>(
    "SELECT * FROM due_records WHERE due_at_ms <= ? ORDER BY due_at_ms LIMIT ?",
  );
  const removePortal = db.prepare("DELETE FROM due_records WHERE portal_id = ?");
  const countRows = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM due_records");
  return {
    async set(portalId, object, dues) {
      setAll(portalId, object, dues);
    },
    async lower(portalId, object, dues) {
      lowerAll(portalId, object, dues);
    },
    async due(atMs, limit): Promise<DueRecord[]> {
      return dueRows.all(atMs, limit).map((r) => ({
        portalId: r.portal_id,
        object: r.object,
        recordId: r.record_id,
        dueAtMs: r.due_at_ms,
      }));
    },
    async remove(portalId, object, ids) {
      removeAll(portalId, object, ids);
    },
    async removePortal(portalId) {
      removePortal.run(portalId);
    },
    async count() {
      return countRows.get()?.n ?? 0;
    },
    async close() {
      db.close();
    },
  };
}
