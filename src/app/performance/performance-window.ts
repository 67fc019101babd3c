// The window a score's performance covers (docs/scoring.md §Score performance): whole UTC days, the last
// of them cut at now. Pure.

export const DAY_MS = 86_400_000;

export type PerformanceWindow = {
  /** Start of the first UTC day. */
  fromMs: number;
  /** Now. */
  untilMs: number;
  /** One per day: its date (YYYY-MM-DD) and the instant its count is taken (end of day, or now). */
  days: { date: string; endMs: number }[];
};

export function buildPerformanceWindow(nowMs: number, days: number): PerformanceWindow {
  const fromMs = Math.floor((nowMs - days * DAY_MS) / DAY_MS) * DAY_MS;
  const out: PerformanceWindow["days"] = [];
  for (let dayMs = fromMs; dayMs <= nowMs; dayMs += DAY_MS)
    out.push({
      date: new Date(dayMs).toISOString().slice(0, 10),
      endMs: Math.min(dayMs + DAY_MS - 1, nowMs),
    });
  return { fromMs, untilMs: nowMs, days: out };
}
