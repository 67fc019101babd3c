import type { Outcome } from "./suggestion.js";

// Labels from lifecycle history (docs/scoring.md §Suggested scores): each record is judged from the
// instant it entered the start stage, its decision instant. The time frame is closed at both ends: a
// record that enters the end stage exactly `withinDays` after the start stage converted, so the time
// frame has fully passed only once `now` is strictly past that instant.

const DAY_MS = 86_400_000;

/** When one record entered the start and the end stage (ms), as HubSpot reports it; null: never. */
export type StageEntryPair = { id: string; startAtMs: number | null; endAtMs: number | null };

/** Why a record gives no label. */
export type LeftOutReason = "neverReachedStart" | "insideTimeFrame" | "reachedEndFirst";

export type Labelled = { outcome: Outcome } | { leftOut: LeftOutReason };

/** One record's label, or why it has none. */
export function labelOutcome(entry: StageEntryPair, withinDays: number, nowMs: number): Labelled {
  const { startAtMs, endAtMs } = entry;
  if (startAtMs === null) return { leftOut: "neverReachedStart" };
  // Its conversion happened before its decision instant: nothing known at the start stage could have
  // predicted it, and it cannot be counted as a record that did not convert either.
  if (endAtMs !== null && endAtMs < startAtMs) return { leftOut: "reachedEndFirst" };
  const deadlineMs = startAtMs + withinDays * DAY_MS;
  if (endAtMs !== null && endAtMs <= deadlineMs)
    return { outcome: { id: entry.id, converted: true, atMs: startAtMs } };
  // Reached the end stage only after its time frame, or the time frame is over without it.
  if (endAtMs !== null || nowMs > deadlineMs)
    return { outcome: { id: entry.id, converted: false, atMs: startAtMs } };
  return { leftOut: "insideTimeFrame" };
}

/** What labelling a set of records found: the labels, and how many were left out by reason. */
export type LabelCounts = {
  outcomes: Outcome[];
  leftOut: Record<LeftOutReason, number>;
};

export const emptyLabelCounts = (): LabelCounts => ({
  outcomes: [],
  leftOut: { neverReachedStart: 0, insideTimeFrame: 0, reachedEndFirst: 0 },
});

/** Labels records into `into` (so pages of records can be labelled one after another). */
export function labelOutcomes(
  entries: Iterable<StageEntryPair>,
  withinDays: number,
  nowMs: number,
  into: LabelCounts = emptyLabelCounts(),
): LabelCounts {
  for (const entry of entries) {
    const labelled = labelOutcome(entry, withinDays, nowMs);
    if ("outcome" in labelled) into.outcomes.push(labelled.outcome);
    else into.leftOut[labelled.leftOut] += 1;
  }
  return into;
}
