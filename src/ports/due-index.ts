import type { ObjectType } from "../scoring/index.js";

// When each scored record next changes with no new data (docs/scoring.md §Result `nextChangeAt`: decay
// steps, sliding timeframes, future events). The decay cron rescores what is due
// (docs/decisions.md §Decay cron).

export type DueRecord = { portalId: number; object: ObjectType; recordId: string; dueAtMs: number };

export interface DueIndex {
  /** Per record id: the instant to rescore it at, or null to forget it (nothing will change). */
  set(portalId: number, object: ObjectType, dues: ReadonlyMap<string, number | null>): Promise<void>;
  /**
   * Moves records' due times earlier, never later. A rescore of only some of a record's scores (an
   * enable job, a reset) knows their next change, not the others': the earlier of the two is safe,
   * since the decay cron rescores every enabled score and then sets the exact time.
   */
  lower(portalId: number, object: ObjectType, dues: ReadonlyMap<string, number>): Promise<void>;
  /**
   * Up to `limit` records due at or before `atMs`, earliest first; `dueAtMs` is when each was due.
   *
   * An index shared by several app instances (Redis, docs/decisions.md §Several instances) may claim what it
   * returns: it pushes those records back by a lease, so another instance's call at the same minute gets
   * other records instead of rescoring the same ones. The caller then sets each record's exact next time (or
   * null); a record it never sets (the instance crashed, the batch threw) is due again when the lease ends.
   * An index owned by one process (SQLite) need not claim: it answers the same records until set. So a caller
   * must not call this only to look: it may hide records from the decay cron for a lease.
   */
  due(atMs: number, limit: number): Promise<DueRecord[]>;
  /** Forgets records (deleted, merged away, erased). */
  remove(portalId: number, object: ObjectType, recordIds: readonly string[]): Promise<void>;
  removePortal(portalId: number): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}
