/** The earliest `nextChangeAt` over a record's results, in ms; null when none will change by itself. */
export function earliestChangeMs(results: readonly { nextChangeAt: string | null }[]): number | null {
  let earliest: number | null = null;
  for (const r of results) {
    const at = r.nextChangeAt === null ? Number.NaN : Date.parse(r.nextChangeAt);
    if (!Number.isNaN(at) && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}
