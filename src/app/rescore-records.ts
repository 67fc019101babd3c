import type { RecordLocks } from "../ports/cluster-locks.js";
import type { DueIndex } from "../ports/due-index.js";
import type { HistoryCause, HistoryEntry } from "../ports/record-store.js";
import type { ObjectType, ScoreDefinition } from "../scoring/index.js";
import { earliestChangeMs } from "./earliest-change.js";
import { type EvaluateDeps, type EvaluatedRecord, evaluateRecords } from "./evaluate-records.js";
import { provisionProperties } from "./provision-properties.js";
import { rescoreWhenFree } from "./rescore-when-free.js";
import { scorePropertySpec } from "./score-property-spec.js";
import type { SnapshotWarning } from "./snapshot-needs.js";
import { type ScoreValues, writeScores } from "./write-scores.js";

export type RescoreDeps = EvaluateDeps & {
  now: () => number;
  /**
   * Given, each record's next change is indexed for the decay cron (never later than it was). The
   * enable job, resets and the workflow action pass it; without it a record enabled and never touched
   * by a webhook again did not decay until the daily sweep. The pipeline sets exact times itself
   * (rescore-and-index.ts) and leaves it out.
   */
  dueIndex?: Pick<DueIndex, "lower">;
  /**
   * Given, a record another rescore holds (the webhook worker, the timed tasks, another instance) is
   * rescored once that one is done: two at once could write the older values last. The enable job and
   * resets pass them; the pipeline takes its locks itself (rescore-unless-busy.ts) and leaves them out.
   */
  recordLocks?: RecordLocks;
};
export type RescoreReport = {
  evaluated: number;
  updated: number;
  skipped: string[];
  warnings: SnapshotWarning[];
  /** Each record's results, in the order of the scores given. */
  records: EvaluatedRecord[];
};

/** What rescoreRecords needs, from the score use cases' dependencies, for one portal. */
export function rescoreDepsFor(
  deps: Pick<RescoreDeps, "records" | "logger" | "now" | "dueIndex" | "recordLocks"> & {
    crmFor: (portalId: number) => RescoreDeps["crm"];
  },
  portalId: number,
): RescoreDeps {
  const { records, logger, now, dueIndex, recordLocks } = deps;
  return {
    crm: deps.crmFor(portalId),
    records,
    logger,
    now,
    ...(dueIndex ? { dueIndex } : {}),
    ...(recordLocks ? { recordLocks } : {}),
  };
}

/**
 * Evaluates every given score on records of one object at now, writes the values that changed and
 * keeps their history: the heart of enable, webhooks, decay and resets.
 */
export async function rescoreRecords(
  deps: RescoreDeps,
  portalId: number,
  object: ObjectType,
  ids: readonly string[],
  definitions: readonly ScoreDefinition[],
  cause: HistoryCause,
): Promise<RescoreReport> {
  if (!deps.recordLocks) return rescoreNow(deps, portalId, object, ids, definitions, cause);
  const passes = await rescoreWhenFree(deps.recordLocks, portalId, object, ids, (free) =>
    rescoreNow(deps, portalId, object, free, definitions, cause),
  );
  return {
    evaluated: passes.reduce((n, p) => n + p.evaluated, 0),
    updated: passes.reduce((n, p) => n + p.updated, 0),
    skipped: passes.flatMap((p) => p.skipped),
    warnings: passes.flatMap((p) => p.warnings),
    records: passes.flatMap((p) => p.records),
  };
}

async function rescoreNow(
  deps: RescoreDeps,
  portalId: number,
  object: ObjectType,
  ids: readonly string[],
  definitions: readonly ScoreDefinition[],
  cause: HistoryCause,
): Promise<RescoreReport> {
  const scores = definitions.filter((d) => d.object === object);
  const atMs = deps.now();
  const { records, skipped, warnings } = await evaluateRecords(deps, portalId, object, ids, scores, { atMs });
  const values: ScoreValues[] = records.flatMap((record) =>
    scores.map((definition, i) => {
      const result = record.results[i];
      const value: ScoreValues = {
        recordId: record.id,
        property: definition.property.name,
        score: result?.score ?? null,
        threshold: result?.threshold ?? null,
      };
      if (definition.type === "combined")
        Object.assign(value, { engagement: result?.engagement, fit: result?.fit });
      return value;
    }),
  );
  const current = new Map(records.map((r) => [r.id, r.properties as Record<string, string | null>]));
  const written = await writeScores(deps.crm, {
    object,
    values,
    current,
    cause,
    atMs,
    reprovision: async () => {
      await provisionProperties(deps.crm, object, scores.map(scorePropertySpec));
    },
  });
  const byRecord = new Map<string, HistoryEntry[]>();
  for (const { recordId, ...entry } of written.history)
    byRecord.set(recordId, [...(byRecord.get(recordId) ?? []), entry]);
  await Promise.all(
    [...byRecord].map(([recordId, entries]) =>
      deps.records.appendHistory({ portalId, object, recordId }, entries),
    ),
  );
  if (deps.dueIndex) {
    const dues = new Map<string, number>();
    for (const record of records) {
      const due = earliestChangeMs(record.results);
      if (due !== null && due > atMs) dues.set(record.id, due);
    }
    if (dues.size > 0) await deps.dueIndex.lower(portalId, object, dues);
  }
  return { evaluated: records.length, updated: written.updatedRecords, skipped, warnings, records };
}
