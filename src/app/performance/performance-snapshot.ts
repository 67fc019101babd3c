import type { LifecycleObjectType } from "../../ports/crm-client.js";
import type {
  PerformanceSnapshotHead,
  PerformanceSnapshotStore,
  RecordPerformanceSummary,
} from "../../ports/performance-snapshot-store.js";
import type { RecordStore } from "../../ports/record-store.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { summarizeScoreHistory } from "./summarize-score-history.js";

// A score's performance snapshot kept up to date (docs/decisions.md §Score performance): built once from
// every history, then refreshed from the histories written since the last refresh. A summary is derived
// from the record's whole history each time it is read again, so appended, merged, rewritten (retention,
// a retroactive rescore) and deleted histories are all caught by the one rule "written since".

export type PerformanceSnapshotDeps = {
  records: RecordStore;
  performanceSnapshots: PerformanceSnapshotStore;
  now: () => number;
};

export type SnapshotTarget = { object: LifecycleObjectType; property: string; revision: number };

/** Summaries written at once, and read at once when refreshing: the memory a build or refresh holds. */
const PAGE = 500;
/**
 * A refresh reads again what was written from this long before its start: with several instances the
 * store's notes come from clocks that may differ a little.
 */
const CLOCK_MARGIN_MS = 60_000;

/** Whether the stored snapshot answers for this score as it is now. */
export const isSnapshotOf = (head: PerformanceSnapshotHead | undefined, target: SnapshotTarget) =>
  head !== undefined &&
  head.object === target.object &&
  head.property === target.property &&
  head.revision === target.revision;

/** Builds the score's snapshot afresh; `progress` hears the records summarised out of the total. */
export async function buildPerformanceSnapshot(
  deps: PerformanceSnapshotDeps,
  portalId: number,
  scoreId: string,
  target: SnapshotTarget,
  progress: (done: number, total: number) => Promise<void>,
): Promise<number> {
  const startedMs = deps.now();
  await deps.performanceSnapshots.deleteScore(portalId, scoreId);
  const total = await deps.records.countHistories(portalId, target.object);
  await progress(0, total);
  let page = new Map<string, RecordPerformanceSummary>();
  let done = 0;
  const flush = async () => {
    await deps.performanceSnapshots.putSummaries(portalId, scoreId, page);
    page = new Map();
    await progress(done, Math.max(total, done));
  };
  await deps.records.forEachHistory(portalId, target.object, async (recordId, entries) => {
    const summary = summarizeScoreHistory(entries, target.property);
    if (summary) page.set(recordId, summary);
    done++;
    if (done % PAGE === 0) await flush();
  });
  await flush();
  await deps.performanceSnapshots.saveHead(portalId, scoreId, {
    ...target,
    refreshFromMs: startedMs - CLOCK_MARGIN_MS,
    builtAtMs: startedMs,
  });
  return done;
}

const oneRefreshAtATime = serializeByKey();

/** Brings a built snapshot up to now; returns how many records were read again. */
export function refreshPerformanceSnapshot(
  deps: PerformanceSnapshotDeps,
  portalId: number,
  scoreId: string,
  head: PerformanceSnapshotHead,
): Promise<number> {
  return oneRefreshAtATime(`${portalId}:${scoreId}`, async () => {
    const startedMs = deps.now();
    // A refresh that waited for another starts from where that one left the head.
    // A rebuild that started meanwhile removed the head: it reads everything itself.
    const current = await deps.performanceSnapshots.head(portalId, scoreId);
    if (!current || !isSnapshotOf(current, head)) return 0;
    let read = 0;
    await deps.records.historyWrittenSince(
      portalId,
      current.object,
      current.refreshFromMs,
      async (recordIds) => {
        const summaries = new Map<string, RecordPerformanceSummary | null>();
        for (const recordId of recordIds) {
          const entries = await deps.records.history({ portalId, object: current.object, recordId });
          summaries.set(recordId, summarizeScoreHistory(entries, current.property));
        }
        await deps.performanceSnapshots.putSummaries(portalId, scoreId, summaries);
        read += recordIds.length;
      },
      PAGE,
    );
    await deps.performanceSnapshots.saveHead(portalId, scoreId, {
      ...current,
      refreshFromMs: Math.max(current.refreshFromMs, startedMs - CLOCK_MARGIN_MS),
    });
    return read;
  });
}
