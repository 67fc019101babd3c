import type { HistoryEntry } from "../../ports/record-store.js";
import type { PerformanceWindow } from "./performance-window.js";

// One record's part of a score's performance (docs/scoring.md §Score performance), taken from its
// history and then forgotten: what the computation keeps per record is this summary, never the history.

export type RecordSummary = {
  recordId: string;
  /** The score value the record held at the window's start; null when it had none. */
  scoreAtFrom: number | null;
  /** Each tier the record held in the window → the first instant it held it there (the start, or later). */
  tierEntries: Map<string, number>;
};

/** Per day of the window: tier → records holding it at the day's end. */
export type DailyTierCounts = Map<string, number>[];

/**
 * Summarises one record's history of the score property and adds its tier at each day's end to `daily`
 * (one map per window day). Entries are oldest first (RecordStore.history). Null when the record never
 * had a value of this score.
 */
export function tallyRecordHistory(
  recordId: string,
  entries: readonly HistoryEntry[],
  property: string,
  window: PerformanceWindow,
  daily: DailyTierCounts,
): RecordSummary | null {
  const own = entries.filter((e) => e.property === property);
  if (own.length === 0) return null;
  let scoreAtFrom: number | null = null;
  let tierAtFrom: string | null = null;
  for (const entry of own) {
    if (entry.atMs > window.fromMs) break;
    const value = entry.new === null ? Number.NaN : Number(entry.new);
    scoreAtFrom = Number.isFinite(value) ? value : null;
    tierAtFrom = entry.threshold;
  }
  const tierEntries = new Map<string, number>();
  if (tierAtFrom !== null) tierEntries.set(tierAtFrom, window.fromMs);
  for (const entry of own) {
    if (entry.atMs <= window.fromMs || entry.atMs > window.untilMs) continue;
    if (entry.threshold !== null && !tierEntries.has(entry.threshold))
      tierEntries.set(entry.threshold, entry.atMs);
  }
  let next = 0;
  let tier: string | null = null;
  window.days.forEach((day, i) => {
    while (next < own.length && (own[next] as HistoryEntry).atMs <= day.endMs) {
      tier = (own[next] as HistoryEntry).threshold;
      next++;
    }
    const counts = daily[i];
    if (tier !== null && counts) counts.set(tier, (counts.get(tier) ?? 0) + 1);
  });
  return { recordId, scoreAtFrom, tierEntries };
}
