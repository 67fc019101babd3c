import type { LifecycleStage } from "../../ports/crm-client.js";
import type { Job, JobStore } from "../../ports/job-store.js";
import type { StageEntryStore } from "../../ports/stage-entry-store.js";
import { thresholdOptionValues } from "../../scoring/index.js";
import type { ScoresDeps } from "../scores/scores-deps.js";
import {
  buildScorePerformance,
  createPerformanceTally,
  type ScorePerformance,
} from "./build-score-performance.js";
import { loadStageEntries } from "./load-stage-entries.js";
import { startPerformanceBuild } from "./performance-job.js";
import { isSnapshotOf, refreshPerformanceSnapshot } from "./performance-snapshot.js";
import { requirePerformanceTarget } from "./performance-target.js";
import { buildPerformanceWindow, type PerformanceWindow } from "./performance-window.js";
import { windowRecordSummary } from "./summarize-score-history.js";
import { type DailyTierCounts, type RecordSummary, tallyRecordHistory } from "./tally-record-history.js";

// A score's performance (docs/scoring.md §Score performance): its tiers day by day from the stored
// history, and how often records of each tier and each score decile reached a lifecycle stage. With a
// snapshot store, from the score's snapshot brought up to date (docs/decisions.md §Score performance);
// without one, from every history.

export type PerformanceDeps = Pick<
  ScoresDeps,
  "scores" | "records" | "crmFor" | "now" | "startJob" | "performanceSnapshots"
> & {
  /** When records entered each stage, as last read; without it HubSpot is read every time. */
  stageEntries?: StageEntryStore;
  jobs: Pick<JobStore, "unfinished">;
};

export type PerformanceQuery = {
  /** The lifecycle stage a record converts by reaching. */
  to: LifecycleStage;
  /** How long after entering a tier (or the window's start, for deciles) a conversion counts. */
  withinDays: number;
  /** How many days back the window starts. */
  days: number;
};

/** The answer, or the job building the score's first snapshot (the caller asks again when it is done). */
export type PerformanceAnswer = { performance: ScorePerformance } | { building: Job };

export async function scorePerformance(
  deps: PerformanceDeps,
  portalId: number,
  scoreId: string,
  query: PerformanceQuery,
): Promise<PerformanceAnswer> {
  const { definition, target } = await requirePerformanceTarget(deps, portalId, scoreId);
  const window = buildPerformanceWindow(deps.now(), query.days);
  const tierOrder = thresholdOptionValues(definition.type, definition.thresholds);
  const daily: DailyTierCounts = window.days.map(() => new Map());
  const stageOf = (recordIds: readonly string[]) =>
    loadStageEntries(
      { crm: deps.crmFor(portalId), store: deps.stageEntries, nowMs: window.untilMs, portalId },
      target.object,
      recordIds,
      query.to,
    );
  const store = deps.performanceSnapshots;
  if (!store) {
    const { summaries } = await summariesFromHistories(
      deps,
      portalId,
      target.property,
      target.object,
      window,
      daily,
    );
    const stageEntries = await stageOf(summaries.map((s) => s.recordId));
    return {
      performance: buildScorePerformance({
        tierOrder,
        window,
        withinDays: query.withinDays,
        summaries,
        daily,
        stageEntries,
      }),
    };
  }
  const head = await store.head(portalId, scoreId);
  if (!isSnapshotOf(head, target) || head === undefined)
    return { building: await startPerformanceBuild(deps, portalId, scoreId) };
  await refreshPerformanceSnapshot(
    { records: deps.records, performanceSnapshots: store, now: deps.now },
    portalId,
    scoreId,
    head,
  );
  // A page of summaries at a time with its records' stage entries: nothing per record for the whole
  // portal is held (docs/decisions.md §Score performance).
  const tally = createPerformanceTally(window, query.withinDays);
  await store.forEachSummaryPage(portalId, scoreId, async (page) => {
    const entered = await stageOf(page.map(([recordId]) => recordId));
    for (const [recordId, summary] of page)
      tally.add(windowRecordSummary(recordId, summary, window, daily), entered.get(recordId) ?? null);
  });
  return { performance: tally.result(tierOrder, daily) };
}

/** Every record's summary from its whole history, one history at a time (the full computation). */
async function summariesFromHistories(
  deps: Pick<PerformanceDeps, "records">,
  portalId: number,
  property: string,
  object: "contacts" | "companies",
  window: PerformanceWindow,
  daily: DailyTierCounts,
): Promise<{ summaries: RecordSummary[] }> {
  const summaries: RecordSummary[] = [];
  await deps.records.forEachHistory(portalId, object, (recordId, entries) => {
    const summary = tallyRecordHistory(recordId, entries, property, window, daily);
    if (summary) summaries.push(summary);
  });
  return { summaries };
}
