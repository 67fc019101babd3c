import type { RecordPerformanceSummary } from "../../ports/performance-snapshot-store.js";
import type { HistoryEntry } from "../../ports/record-store.js";
import { DAY_MS, type PerformanceWindow } from "./performance-window.js";
import type { DailyTierCounts, RecordSummary } from "./tally-record-history.js";

// A record's history of a score's property reduced to what any performance window reads (docs/decisions.md
// §Score performance): where its tier changed, and its value at each day's start. Kept in the snapshot; a
// window's view of it (windowRecordSummary) equals what tallyRecordHistory takes from the whole history.
// Entries are oldest first (RecordStore.history). Pure.

const scoreValueOf = (entry: HistoryEntry) => {
  const value = entry.new === null ? Number.NaN : Number(entry.new);
  return Number.isFinite(value) ? value : null;
};

/** Null when the record never had a value of this property. */
export function summarizeScoreHistory(
  entries: readonly HistoryEntry[],
  property: string,
): RecordPerformanceSummary | null {
  const tiers: RecordPerformanceSummary["tiers"] = [];
  const byDay: RecordPerformanceSummary["values"] = [];
  for (const entry of entries) {
    if (entry.property !== property) continue;
    if (tiers.length === 0 || tiers.at(-1)?.[1] !== entry.threshold)
      tiers.push([entry.atMs, entry.threshold]);
    // The value at the start of day d is the last one written at or before d's first instant.
    const day = Math.ceil(entry.atMs / DAY_MS);
    const last = byDay.at(-1);
    if (last?.[0] === day) last[1] = scoreValueOf(entry);
    else byDay.push([day, scoreValueOf(entry)]);
  }
  if (tiers.length === 0) return null;
  const values = byDay.filter(([, value], i) => i === 0 || byDay[i - 1]?.[1] !== value);
  return { tiers, values };
}

/**
 * The record's part of one window: its value and tier at the window's start, the first instant it held
 * each tier there, and its tier at each day's end added to `daily`.
 */
export function windowRecordSummary(
  recordId: string,
  summary: RecordPerformanceSummary,
  window: PerformanceWindow,
  daily: DailyTierCounts,
): RecordSummary {
  const fromDay = window.fromMs / DAY_MS;
  let scoreAtFrom: number | null = null;
  for (const [day, value] of summary.values) {
    if (day > fromDay) break;
    scoreAtFrom = value;
  }
  let tierAtFrom: string | null = null;
  const tierEntries = new Map<string, number>();
  for (const [atMs, tier] of summary.tiers) {
    if (atMs <= window.fromMs) tierAtFrom = tier;
    else if (atMs <= window.untilMs && tier !== null && tier !== tierAtFrom && !tierEntries.has(tier))
      tierEntries.set(tier, atMs);
  }
  const entered = tierAtFrom === null ? tierEntries : new Map([[tierAtFrom, window.fromMs], ...tierEntries]);
  let next = 0;
  let tier: string | null = null;
  window.days.forEach((day, i) => {
    while (next < summary.tiers.length && (summary.tiers[next] as [number, string | null])[0] <= day.endMs) {
      tier = (summary.tiers[next] as [number, string | null])[1];
      next++;
    }
    const counts = daily[i];
    if (tier !== null && counts) counts.set(tier, (counts.get(tier) ?? 0) + 1);
  });
  return { recordId, scoreAtFrom, tierEntries: entered };
}
