import type { ScorePerformance } from "../../app/performance/build-score-performance.js";

// A score's performance as one CSV table in long form (docs/scoring.md §Score performance): a row per
// tier, per decile and per day and tier, so a spreadsheet can pivot it. Pure.

const HEADER = "kind,key,tier,records,converted,rate";

/** Quotes a field that needs it and defuses a leading formula character (a tier label is the user's text). */
function field(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (...fields: (string | number | null)[]) => fields.map(field).join(",");

export function renderPerformanceCsv(performance: ScorePerformance): string {
  const lines = [HEADER];
  for (const t of performance.tiers) lines.push(row("tier", t.tier, t.tier, t.records, t.converted, t.rate));
  for (const d of performance.lift) lines.push(row("decile", d.decile, null, d.records, d.converted, d.rate));
  for (const day of performance.overTime)
    for (const [tier, records] of Object.entries(day.counts))
      lines.push(row("day", day.date, tier, records, null, null));
  return `${lines.join("\r\n")}\r\n`;
}
