import type { ObjectType } from "../scoring/index.js";

// What the app keeps per CRM record: resets of scores (docs/scoring.md §Resets) and the
// history of every value written (docs/scoring.md §Lifecycle).

/** Why a value was written; "rescore" is an operator's re-run of an enabled score (POST …/rescore). */
export type HistoryCause =
  | "enable"
  | "update"
  | "rescore"
  | "webhook"
  | "poll"
  | "decay"
  | "sweep"
  | "reset"
  | "scope";

/**
 * The points each group and each of its rules gave a value (rules that gave none left out), kept with
 * the score's own property entry so the record card explains a value without reading HubSpot
 * (docs/decisions.md §Record card).
 */
export type GroupPoints = { name: string; value: number; rules: { index: number; value: number }[] };

/**
 * What happened, as data (docs/scoring.md §History): the admin page says it in words ("meeting logged",
 * "job title changed", "reset by workflow"). The cause says which path wrote; a reason says why.
 */
export type HistoryReason =
  /** A webhook: a record of `object` was created, deleted, restored, merged or erased. */
  | {
      kind: "record";
      object: string;
      change: "creation" | "deletion" | "restore" | "merge" | "privacyDeletion";
    }
  /** A webhook: a property of a record of `object` changed. */
  | { kind: "property"; object: string; property: string }
  /** A webhook: an association between records of `from` and `to` was added or removed. */
  | { kind: "association"; from: string; to: string }
  /** A reset of the record's engagement: by the "Reset lead score" workflow action or the admin API. */
  | { kind: "reset"; by: "workflow" | "admin" };

export type HistoryEntry = {
  property: string;
  old: string | null;
  new: string | null;
  threshold: string | null;
  atMs: number;
  cause: HistoryCause;
  /** Entries written before reasons were kept have none; their cause alone is shown. */
  reasons?: HistoryReason[];
  /** Only on the entry of the score's own property (not its threshold or parts), from when it is kept. */
  groups?: GroupPoints[];
};

export type RecordRef = { portalId: number; object: ObjectType; recordId: string };

export interface RecordStore {
  /** Per record id: score id → reset instant (ms). Records without resets are absent. */
  resets(
    portalId: number,
    object: ObjectType,
    recordIds: readonly string[],
  ): Promise<Map<string, Record<string, number>>>;
  setReset(ref: RecordRef, scoreId: string, atMs: number): Promise<void>;
  appendHistory(ref: RecordRef, entries: readonly HistoryEntry[]): Promise<void>;
  /** Oldest first. */
  history(ref: RecordRef): Promise<HistoryEntry[]>;
  /**
   * Forgets the record's resets and history (deleted in HubSpot, or a privacy deletion;
   * docs/decisions.md §Deletions and merges).
   */
  deleteRecord(ref: RecordRef): Promise<void>;
  /**
   * A merge (docs/decisions.md §Deletions and merges): the merged record's resets and history move to the
   * surviving one (its own resets win; histories interleave by time), then the merged record is forgotten.
   */
  moveRecord(from: RecordRef, toRecordId: string): Promise<void>;
  /**
   * Visits every history of the portal's records of one object, one record at a time, so a caller holds
   * one history in memory rather than all of them (score performance, docs/scoring.md §Score performance).
   */
  forEachHistory(
    portalId: number,
    object: ObjectType,
    visit: (recordId: string, entries: HistoryEntry[]) => void | Promise<void>,
  ): Promise<void>;
  /** How many records of the object have a history (a first performance build's total). */
  countHistories(portalId: number, object: ObjectType): Promise<number>;
  /**
   * The ids of the object's records whose history was written, moved, rewritten or deleted at or after
   * `sinceMs` (when the store did it, by its clock), handed over in pages of at most `pageSize`: what an
   * incremental reader must read again (docs/decisions.md §Score performance).
   */
  historyWrittenSince(
    portalId: number,
    object: ObjectType,
    sinceMs: number,
    visit: (recordIds: string[]) => Promise<void>,
    pageSize?: number,
  ): Promise<void>;
  /** Replaces each history of the portal by `rewrite(entries)` (retention); returns how many changed. */
  rewriteHistories(portalId: number, rewrite: (entries: HistoryEntry[]) => HistoryEntry[]): Promise<number>;
  deletePortal(portalId: number): Promise<void>;
}
