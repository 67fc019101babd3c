import { AppError } from "../../errors.js";
import type { LifecycleStage } from "../../ports/crm-client.js";
import type { StageEntryStore } from "../../ports/stage-entry-store.js";
import { thresholdOptionValues } from "../../scoring/index.js";
import { requireScore } from "../scores/save-score.js";
import type { ScoresDeps } from "../scores/scores-deps.js";
import { buildScorePerformance, type ScorePerformance } from "./build-score-performance.js";
import { loadStageEntries } from "./load-stage-entries.js";
import { buildPerformanceWindow } from "./performance-window.js";
import { type DailyTierCounts, type RecordSummary, tallyRecordHistory } from "./tally-record-history.js";

// A score's performance (docs/scoring.md §Score performance): its tiers day by day from the stored
// history, and how often records of each tier and each score decile reached a lifecycle stage.

export type PerformanceDeps = Pick<ScoresDeps, "scores" | "records" | "crmFor" | "now"> & {
  /** When records entered each stage, as last read; without it HubSpot is read every time. */
  stageEntries?: StageEntryStore;
};

export type PerformanceQuery = {
  /** The lifecycle stage a record converts by reaching. */
  to: LifecycleStage;
  /** How long after entering a tier (or the window's start, for deciles) a conversion counts. */
  withinDays: number;
  /** How many days back the window starts. */
  days: number;
};

export async function scorePerformance(
  deps: PerformanceDeps,
  portalId: number,
  scoreId: string,
  query: PerformanceQuery,
): Promise<ScorePerformance> {
  const { definition } = await requireScore(deps, portalId, scoreId);
  const object = definition.object;
  if (object === "deals")
    throw new AppError(
      "invalid_input",
      `score "${scoreId}" is for deals, which have no lifecycle stage; performance needs a contact or company score`,
      { path: "scoreId" },
    );
  const window = buildPerformanceWindow(deps.now(), query.days);
  const daily: DailyTierCounts = window.days.map(() => new Map());
  const summaries: RecordSummary[] = [];
  // One history at a time: only each record's summary stays (docs/decisions.md §Score performance).
  await deps.records.forEachHistory(portalId, object, (recordId, entries) => {
    const summary = tallyRecordHistory(recordId, entries, definition.property.name, window, daily);
    if (summary) summaries.push(summary);
  });
  const stageEntries = await loadStageEntries(
    { crm: deps.crmFor(portalId), store: deps.stageEntries, nowMs: window.untilMs, portalId },
    object,
    summaries.map((s) => s.recordId),
    query.to,
  );
  return buildScorePerformance({
    tierOrder: thresholdOptionValues(definition.type, definition.thresholds),
    window,
    withinDays: query.withinDays,
    summaries,
    daily,
    stageEntries,
  });
}
