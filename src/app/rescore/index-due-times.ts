import type { DueIndex } from "../../ports/due-index.js";
import type { ObjectType } from "../../scoring/index.js";
import type { EvaluatedRecord } from "../evaluate-records.js";

/** How a rescore indexes due times: see RescoreRequest.due in rescore.ts. */
export type DueIndexing = "exact" | "lower";

/**
 * Each record's due time: its earliest nextChangeAt (docs/scoring.md §Result) after `atMs`, the instant
 * it was evaluated at, or null when none of its scores changes by itself. A time not after `atMs`
 * would make the decay cron spin on the record, so it counts as none.
 */
export function dueTimes(records: readonly EvaluatedRecord[], atMs: number): Map<string, number | null> {
  const dues = new Map<string, number | null>();
  for (const record of records) {
    let earliest: number | null = null;
    for (const result of record.results) {
      const at = result.nextChangeAt === null ? Number.NaN : Date.parse(result.nextChangeAt);
      if (at > atMs && (earliest === null || at < earliest)) earliest = at;
    }
    dues.set(record.id, earliest);
  }
  return dues;
}

/**
 * Tells the due-index (docs/architecture.md §Due-index) when the decay cron looks at each rescored
 * record again. `exact` sets every
 * asked-for record's time, forgetting those without one and those HubSpot no longer has, but leaves
 * a record skipped as unusable as it was (the decay cron set its retry). `lower` only moves times
 * earlier (DueIndex.lower): the rescore knew some of the record's scores, not all.
 */
export async function indexDueTimes(
  dueIndex: Pick<DueIndex, "set" | "lower">,
  how: DueIndexing,
  where: { portalId: number; object: ObjectType; ids: readonly string[] },
  evaluated: { records: readonly EvaluatedRecord[]; skipped: readonly string[]; atMs: number },
): Promise<void> {
  const dues = dueTimes(evaluated.records, evaluated.atMs);
  if (how === "lower") {
    const earlier = new Map<string, number>();
    for (const [id, due] of dues) if (due !== null) earlier.set(id, due);
    if (earlier.size > 0) await dueIndex.lower(where.portalId, where.object, earlier);
    return;
  }
  const exact = new Map<string, number | null>(where.ids.map((id) => [id, null]));
  for (const id of evaluated.skipped) exact.delete(id);
  for (const [id, due] of dues) exact.set(id, due);
  await dueIndex.set(where.portalId, where.object, exact);
}
