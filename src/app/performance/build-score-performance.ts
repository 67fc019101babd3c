import { DAY_MS, type PerformanceWindow } from "./performance-window.js";
import type { DailyTierCounts, RecordSummary } from "./tally-record-history.js";

// Conversion by tier and lift by decile from the records' summaries and when each entered the chosen
// lifecycle stage (docs/scoring.md §Score performance). Pure.

export type TierRow = { tier: string; records: number; converted: number; rate: number | null };
export type DecileRow = { decile: number; records: number; converted: number; rate: number | null };
export type ScorePerformance = {
  tiers: TierRow[];
  overTime: { date: string; counts: Record<string, number> }[];
  lift: DecileRow[];
  from: string;
  until: string;
};

export type PerformanceInput = {
  /** The score's tiers, best first (thresholdOptionValues); tiers found only in history follow. */
  tierOrder: readonly string[];
  window: PerformanceWindow;
  withinDays: number;
  summaries: readonly RecordSummary[];
  daily: DailyTierCounts;
  /** Record id → when it entered the stage (ms), null when it never did; a missing id counts as never. */
  stageEntries: ReadonlyMap<string, number | null>;
};

const rateOf = (converted: number, records: number) => (records === 0 ? null : converted / records);

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

function tierRows(input: PerformanceInput, withinMs: number): TierRow[] {
  const seen = new Set(input.tierOrder);
  for (const s of input.summaries) for (const tier of s.tierEntries.keys()) seen.add(tier);
  return [...seen].map((tier) => {
    let records = 0;
    let converted = 0;
    for (const s of input.summaries) {
      const startMs = s.tierEntries.get(tier);
      if (startMs === undefined) continue;
      const result = outcome(input.stageEntries.get(s.recordId) ?? null, startMs, withinMs);
      if (result === "before") continue;
      records++;
      if (result === "converted") converted++;
    }
    return { tier, records, converted, rate: rateOf(converted, records) };
  });
}

/** Records ranked by their score at the window's start, highest first; decile 1 is the top tenth. */
function liftRows(input: PerformanceInput, withinMs: number): DecileRow[] {
  const ranked = input.summaries
    .flatMap((s) => {
      if (s.scoreAtFrom === null) return [];
      const result = outcome(input.stageEntries.get(s.recordId) ?? null, input.window.fromMs, withinMs);
      return result === "before" ? [] : [{ score: s.scoreAtFrom, recordId: s.recordId, result }];
    })
    .sort((a, b) => b.score - a.score || a.recordId.localeCompare(b.recordId));
  const rows: DecileRow[] = Array.from({ length: 10 }, (_, i) => ({
    decile: i + 1,
    records: 0,
    converted: 0,
    rate: null,
  }));
  ranked.forEach((r, k) => {
    const row = rows[Math.floor((k * 10) / ranked.length)] as DecileRow;
    row.records++;
    if (r.result === "converted") row.converted++;
  });
  return rows.map((row) => ({ ...row, rate: rateOf(row.converted, row.records) }));
}

export function buildScorePerformance(input: PerformanceInput): ScorePerformance {
  const withinMs = input.withinDays * DAY_MS;
  return {
    tiers: tierRows(input, withinMs),
    overTime: input.window.days.map((day, i) => ({
      date: day.date,
      counts: Object.fromEntries(input.daily[i] ?? []),
    })),
    lift: liftRows(input, withinMs),
    from: new Date(input.window.fromMs).toISOString(),
    until: new Date(input.window.untilMs).toISOString(),
  };
}
