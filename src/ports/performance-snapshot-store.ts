import type { LifecycleObjectType } from "./crm-client.js";

// A score's performance snapshot (docs/decisions.md §Score performance): per record, what its history of the
// score's property says about tiers and values, compact and independent of any query's window, kept up to date
// from the histories written since the last refresh.

/** One record's history of a score's property, reduced to what a performance answer reads. */
export type RecordPerformanceSummary = {
  /** [ms, tier]: the first entry, then every entry whose threshold differs from the one before. */
  tiers: [number, string | null][];
  /**
   * [day, value]: the value held at the start of UTC day `day` (days since the epoch) where it differs
   * from the day before's, for the first day after the first entry onwards (entries at a day's very start
   * count for it).
   */
  values: [number, number | null][];
};

export type PerformanceSnapshotHead = {
  object: LifecycleObjectType;
  /** The score's property the summaries read; another property needs a new build. */
  property: string;
  /**
   * The score's revision when the build started: a later revision (an update, whose retroactive rescore
   * rewrites every value) needs a new build.
   */
  revision: number;
  /** Histories written from this instant on are read again at the next refresh. */
  refreshFromMs: number;
  builtAtMs: number;
};

export interface PerformanceSnapshotStore {
  head(portalId: number, scoreId: string): Promise<PerformanceSnapshotHead | undefined>;
  saveHead(portalId: number, scoreId: string, head: PerformanceSnapshotHead): Promise<void>;
  /** Saves summaries; null forgets the record (no history of the property any more). */
  putSummaries(
    portalId: number,
    scoreId: string,
    summaries: ReadonlyMap<string, RecordPerformanceSummary | null>,
  ): Promise<void>;
  /** Visits the score's summaries in pages of at most `pageSize`, so no caller holds all of them. */
  forEachSummaryPage(
    portalId: number,
    scoreId: string,
    visit: (page: [string, RecordPerformanceSummary][]) => Promise<void>,
    pageSize?: number,
  ): Promise<void>;
  /** Forgets the score's snapshot (the score deleted, or a rebuild starting). */
  deleteScore(portalId: number, scoreId: string): Promise<void>;
  deletePortal(portalId: number): Promise<void>;
}
