import type { ObjectType } from "../scoring/index.js";

// What the app keeps per CRM record: resets of scores (SCORING.md §Lifecycle, Reset) and the
// history of every value written (SCORING.md §Lifecycle, History).

export type HistoryCause = "enable" | "update" | "webhook" | "poll" | "decay" | "sweep" | "reset" | "scope";

export type HistoryEntry = {
  property: string;
  old: string | null;
  new: string | null;
  threshold: string | null;
  atMs: number;
  cause: HistoryCause;
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
  deletePortal(portalId: number): Promise<void>;
}
