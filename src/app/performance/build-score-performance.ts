import { DAY_MS, type PerformanceWindow } from "./performance-window.js";
import { type DecileRow, rateOf, splitDeciles, type ValueCounts } from "./split-deciles.js";
import type { DailyTierCounts, RecordSummary } from "./tally-record-history.js";

// Conversion by tier and lift by decile from the records' summaries and when each entered the chosen
// lifecycle stage (docs/scoring.md §Score performance), taken one record at a time so that what is kept
// grows with tiers and distinct values, not records (docs/decisions.md §Score performance). Pure.

export type { DecileRow } from "./split-deciles.js";
export type TierRow = { tier: string; records: number; converted: number; rate: number | null };
export type ScorePerformance = {
  tiers: TierRow[];
  overTime: { date: string; counts: Record<string, number> }[];
  lift: DecileRow[];
  from: string;
  until: string;
};

export type PerformanceInput = {
  /** The score's tiers, best first (thresholdOptionValues); tiers found only in history follow, by name. */
  tierOrder: readonly string[];
  window: PerformanceWindow;
  withinDays: number;
  summaries: readonly RecordSummary[];
  daily: DailyTierCounts;
  /** Record id → when it entered the stage (ms), null when it never did; a missing id counts as never. */
  stageEntries: ReadonlyMap<string, number | null>;
};

/**
 * Counts a record for a start instant unless it had reached the stage before it (it cannot convert again);
 * converted when it reached the stage within `withinDays` of the start.
 */
function outcome(
  enteredMs: number | null,
  startMs: number,
  withinMs: number,
): "before" | "converted" | "not" {
  if (enteredMs === null) return "not";
  if (enteredMs < startMs) return "before";
  return enteredMs <= startMs + withinMs ? "converted" : "not";
}

function count(rows: Map<string | number, ValueCounts>, key: string | number, result: string) {
  const row = rows.get(key) ?? { records: 0, converted: 0 };
  rows.set(key, row);
  if (result === "before") return;
  row.records++;
  if (result === "converted") row.converted++;
}

export type PerformanceTally = {
  /** Adds one record: its summary for the window and when it entered the stage (null: never). */
  add(summary: RecordSummary, enteredMs: number | null): void;
  result(tierOrder: readonly string[], daily: DailyTierCounts): ScorePerformance;
};

export function createPerformanceTally(window: PerformanceWindow, withinDays: number): PerformanceTally {
  const withinMs = withinDays * DAY_MS;
  const tiers = new Map<string | number, ValueCounts>();
  // Lift: records with a value at the window's start, counted per value; a record that had converted
  // before is not counted at all.
  const byValue = new Map<number, ValueCounts>();
  return {
    add(summary, enteredMs) {
      for (const [tier, startMs] of summary.tierEntries)
        count(tiers, tier, outcome(enteredMs, startMs, withinMs));
      if (summary.scoreAtFrom === null) return;
      const result = outcome(enteredMs, window.fromMs, withinMs);
      if (result !== "before")
        count(byValue as Map<string | number, ValueCounts>, summary.scoreAtFrom, result);
    },
    result(tierOrder, daily) {
      const extra = [...tiers.keys()].filter((t) => !tierOrder.includes(t as string)).sort();
      return {
        tiers: [...tierOrder, ...(extra as string[])].map((tier) => {
          const { records, converted } = tiers.get(tier) ?? { records: 0, converted: 0 };
          return { tier, records, converted, rate: rateOf(converted, records) };
        }),
        overTime: window.days.map((day, i) => ({
          date: day.date,
          counts: Object.fromEntries(daily[i] ?? []),
        })),
        lift: splitDeciles(byValue),
        from: new Date(window.fromMs).toISOString(),
        until: new Date(window.untilMs).toISOString(),
      };
    },
  };
}

/** The whole answer from every record's summary at once (the full computation, for comparison). */
export function buildScorePerformance(input: PerformanceInput): ScorePerformance {
  const tally = createPerformanceTally(input.window, input.withinDays);
  for (const s of input.summaries) tally.add(s, input.stageEntries.get(s.recordId) ?? null);
  return tally.result(input.tierOrder, input.daily);
}
