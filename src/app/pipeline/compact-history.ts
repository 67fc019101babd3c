import type { HistoryEntry } from "../../ports/record-store.js";
import type { PipelineDeps } from "./pipeline-deps.js";

const DAY_MS = 86_400_000;

/**
 * History retention (docs/decisions.md §History retention): every change younger than the cutoff is kept;
 * older ones are thinned to one point per property per UTC day — the day's last value, which is what a chart
 * shows. Pure.
 */
export function compactHistoryEntries(entries: readonly HistoryEntry[], cutoffMs: number): HistoryEntry[] {
  const lastOfDay = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.atMs < cutoffMs) lastOfDay.set(`${e.property}:${Math.floor(e.atMs / DAY_MS)}`, i);
  });
  const keep = new Set(lastOfDay.values());
  return entries.filter((e, i) => e.atMs >= cutoffMs || keep.has(i));
}

/** The daily compaction job: every installed portal's histories. Returns how many records changed. */
export async function compactHistory(deps: PipelineDeps, retentionDays: number): Promise<number> {
  const cutoffMs = deps.now() - retentionDays * DAY_MS;
  let changed = 0;
  for (const installation of await deps.installations.list()) {
    if (deps.stopping()) break;
    changed += await deps.records.rewriteHistories(installation.portalId, (entries) =>
      compactHistoryEntries(entries, cutoffMs),
    );
  }
  return changed;
}
