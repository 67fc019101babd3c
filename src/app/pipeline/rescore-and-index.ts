import type { HistoryCause } from "../../ports/record-store.js";
import type { ObjectType, ScoreDefinition } from "../../scoring/index.js";
import { earliestChangeMs } from "../earliest-change.js";
import { type RescoreReport, rescoreRecords } from "../rescore-records.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { increment } from "./pipeline-metrics.js";

/**
 * rescoreRecords with every enabled score of the object, then the due-index: each record's earliest
 * nextChangeAt (SCORING.md §Result) is when the decay cron looks at it again; records HubSpot no
 * longer has are forgotten there.
 */
export async function rescoreAndIndex(
  deps: Pick<PipelineDeps, "crmFor" | "records" | "logger" | "now" | "dueIndex" | "metrics">,
  portalId: number,
  object: ObjectType,
  ids: readonly string[],
  definitions: readonly ScoreDefinition[],
  cause: HistoryCause,
): Promise<RescoreReport> {
  const scores = definitions.filter((d) => d.object === object && d.status === "enabled");
  if (scores.length === 0) {
    await deps.dueIndex.remove(portalId, object, ids);
    return { evaluated: 0, updated: 0, skipped: [], warnings: [], records: [] };
  }
  const crm = deps.crmFor(portalId);
  const report = await rescoreRecords(
    { crm, records: deps.records, logger: deps.logger, now: deps.now },
    portalId,
    object,
    ids,
    scores,
    cause,
  );
  const atMs = deps.now();
  const dues = new Map<string, number | null>(ids.map((id) => [id, null]));
  for (const id of report.skipped) dues.delete(id);
  for (const record of report.records) {
    const due = earliestChangeMs(record.results);
    // A due time not in the future would make the cron spin on the record: forget it instead.
    dues.set(record.id, due !== null && due > atMs ? due : null);
  }
  await deps.dueIndex.set(portalId, object, dues);
  increment(deps.metrics.rescored, cause, report.evaluated);
  increment(deps.metrics.updated, cause, report.updated);
  return report;
}
