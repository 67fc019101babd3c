import type { Database } from "better-sqlite3";
import type { CursorPosition } from "./paging-cursor.js";

// The one query shape of the email-event and analytics feeds: rows matching every given filter,
// newest first (time, then sequence number), strictly after the last row of the previous page.

export type Filter = [clause: string, value: string | number | undefined];

export function selectNewestFirst<Row>(
  db: Database,
  table: string,
  timeColumn: string,
  filters: readonly Filter[],
  before: CursorPosition | null,
  limit: number,
): Row[] {
  const given = filters.filter((f): f is [string, string | number] => f[1] !== undefined);
  const where = given.map(([clause]) => clause);
  const args: (string | number)[] = given.map(([, value]) => value);
  if (before) {
    where.push(`(${timeColumn} < ? OR (${timeColumn} = ? AND seq < ?))`);
    args.push(before.atMs, before.atMs, before.seq);
  }
  const sql = `SELECT * FROM ${table} ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY ${timeColumn} DESC, seq DESC LIMIT ?`;
  return db.prepare<(string | number)[], Row>(sql).all(...args, limit);
}
