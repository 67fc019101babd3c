import type { Logger } from "pino";
import type { RecordLocks } from "../../ports/cluster-locks.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { DueIndex } from "../../ports/due-index.js";
import type { FeedEventStore } from "../../ports/feed-event-store.js";
import type { HistoryCause, HistoryEntry, HistoryReason, RecordStore } from "../../ports/record-store.js";
import type { SourceStatusStore } from "../../ports/source-status-store.js";
import type { ObjectType, ScoreDefinition } from "../../scoring/index.js";
import { type EvaluatedRecord, evaluateRecords } from "../evaluate-records.js";
import { increment, type PipelineMetrics } from "../pipeline/pipeline-metrics.js";
import { provisionProperties } from "../provision-properties.js";
import { scorePropertySpec } from "../score-property-spec.js";
import type { SnapshotWarning } from "../snapshot-needs.js";
import { type ScoreValues, writeScores } from "../write-scores.js";
import { type DueIndexing, indexDueTimes } from "./index-due-times.js";
import { RECORD_LOCK_MS, recordKey } from "./record-key.js";
import { summarizeGroupPoints } from "./summarize-group-points.js";

// The one way a record is rescored (docs/architecture.md §Rescore): webhooks, decay, pollers, sweep,
// enable jobs, resets and the reset workflow action all come here. Two rescores of one record at once could read the same data
// and write the older values last, so a record is rescored by one task at a time (record locks: this
// process, or with REDIS_URL every instance); the request says what to do when another holds it.

export type { DueIndexing } from "./index-due-times.js";
/**
 * What to do with a record another rescore holds:
 * - `wait`: rescore it once that one is done (enable and rescore jobs, resets, the reset action); a
 *   lock is held only while its records are rescored, never while waiting, so two waiting callers
 *   cannot block each other; after RECORD_LOCK_MS (a lock left by a process that died outlives it no
 *   longer) the rest are rescored anyway;
 * - `skip`: leave it alone, it gets current data and its next due time from that rescore (decay cron,
 *   pollers, sweep); the report names the ids left alone;
 * - `held`: the caller holds the records' locks already (the webhook worker).
 */
export type BusyRecords = "wait" | "skip" | "held";

export type RescoreRequest = {
  portalId: number;
  object: ObjectType;
  ids: readonly string[];
  /** The scores to evaluate (those of other objects are left out); with `due: "exact"`, every enabled score of the object. */
  definitions: readonly ScoreDefinition[];
  cause: HistoryCause;
  /** What happened to each record, kept with the values written (docs/scoring.md §History). */
  reasonsOf?: (recordId: string) => readonly HistoryReason[];
  busy: BusyRecords;
  /**
   * `exact`: the definitions are all the record's scores, so each record's due time is set, and a
   * record without one or no longer in HubSpot is forgotten (webhooks, decay, pollers, sweep).
   * `lower`: some of its scores, so due times only move earlier (jobs and resets: DueIndex.lower).
   */
  due: DueIndexing;
};

/** Real time unless a test moves it: how long `busy: "wait"` waits, and how it waits. */
export type WaitClock = { now: () => number; sleep: (ms: number) => Promise<void> };

export type RescoreDeps = {
  crmFor: (portalId: number) => CrmClient;
  records: RecordStore;
  logger: Logger;
  now: () => number;
  dueIndex: Pick<DueIndex, "set" | "lower" | "remove">;
  recordLocks: RecordLocks;
  /** The pipeline's /metrics counters by cause; jobs and resets report their own progress and are not counted. */
  metrics?: Pick<PipelineMetrics, "rescored" | "updated">;
  waitClock?: WaitClock;
  /** Contacts' stored feed events (docs/decisions.md §Portal-wide feeds). */
  feeds?: Pick<FeedEventStore, "events">;
  /** Each event source's outcome per portal (docs/decisions.md §Sources status). */
  sourceStatus?: SourceStatusStore | undefined;
};

export type RescoreReport = {
  evaluated: number;
  updated: number;
  /** Records whose snapshot was unusable (logged), not written. */
  skipped: string[];
  warnings: SnapshotWarning[];
  /** Each record's results, in the order of the scores given. */
  records: EvaluatedRecord[];
  /** With `busy: "skip"`: the ids another rescore held, left alone. */
  leftAlone: string[];
};

/** How often records held by another rescore are asked for again (`busy: "wait"`). */
const RETRY_MS = 250;
const realTime: WaitClock = {
  now: Date.now,
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
const nothing = (): RescoreReport => ({
  evaluated: 0,
  updated: 0,
  skipped: [],
  warnings: [],
  records: [],
  leftAlone: [],
});

/** Evaluates the scores on records of one object now, writes the values that changed, keeps their history and due times. */
export function rescore(deps: RescoreDeps, request: RescoreRequest): Promise<RescoreReport> {
  if (request.busy === "held") return rescoreNow(deps, request, request.ids);
  if (request.busy === "skip") return rescoreSkippingBusy(deps, request);
  return rescoreWaitingForBusy(deps, request);
}

const keysOf = ({ portalId, object, ids }: RescoreRequest) =>
  new Map(ids.map((id) => [recordKey(portalId, object, id), id]));

async function rescoreSkippingBusy(deps: RescoreDeps, request: RescoreRequest): Promise<RescoreReport> {
  const keys = keysOf(request);
  const taken = await deps.recordLocks.take([...keys.keys()], RECORD_LOCK_MS);
  let report = nothing();
  try {
    const free = taken.map((key) => keys.get(key) as string);
    if (free.length > 0) report = await rescoreNow(deps, request, free);
  } finally {
    await deps.recordLocks.release(taken);
  }
  const takenSet = new Set(taken);
  report.leftAlone = [...keys].filter(([key]) => !takenSet.has(key)).map(([, id]) => id);
  return report;
}

/** In as few passes as the other rescores allow. */
async function rescoreWaitingForBusy(deps: RescoreDeps, request: RescoreRequest): Promise<RescoreReport> {
  const { now, sleep } = deps.waitClock ?? realTime;
  const giveUpAtMs = now() + RECORD_LOCK_MS;
  let waiting = keysOf(request);
  const total = nothing();
  while (waiting.size > 0) {
    const taken = now() >= giveUpAtMs ? [] : await deps.recordLocks.take([...waiting.keys()], RECORD_LOCK_MS);
    const free = now() >= giveUpAtMs ? [...waiting.values()] : taken.map((key) => waiting.get(key) as string);
    if (free.length > 0) {
      try {
        const pass = await rescoreNow(deps, request, free);
        total.evaluated += pass.evaluated;
        total.updated += pass.updated;
        total.skipped.push(...pass.skipped);
        total.warnings.push(...pass.warnings);
        total.records.push(...pass.records);
      } finally {
        await deps.recordLocks.release(taken);
      }
      const done = new Set(free);
      waiting = new Map([...waiting].filter(([, id]) => !done.has(id)));
    }
    if (waiting.size > 0) await sleep(RETRY_MS);
  }
  return total;
}

/** The rescore itself, on records the request's `busy` choice cleared. */
async function rescoreNow(
  deps: RescoreDeps,
  request: RescoreRequest,
  ids: readonly string[],
): Promise<RescoreReport> {
  const { portalId, object, cause } = request;
  const scores = request.definitions.filter((d) => d.object === object);
  if (scores.length === 0) {
    // No score reads these records any more: nothing to write, and nothing will change with time.
    if (request.due === "exact") await deps.dueIndex.remove(portalId, object, ids);
    return nothing();
  }
  const crm = deps.crmFor(portalId);
  const atMs = deps.now();
  const evaluated = await evaluateRecords(
    {
      crm,
      records: deps.records,
      logger: deps.logger,
      sourceStatus: deps.sourceStatus,
      ...(deps.feeds ? { feeds: deps.feeds } : {}),
    },
    portalId,
    object,
    ids,
    scores,
    {
      atMs,
    },
  );
  const { records } = evaluated;
  const values: ScoreValues[] = records.flatMap((record) =>
    scores.map((definition, i) => {
      const result = record.results[i];
      const value: ScoreValues = {
        recordId: record.id,
        property: definition.property.name,
        score: result?.score ?? null,
        threshold: result?.threshold ?? null,
      };
      if (result) value.groups = summarizeGroupPoints(result.groups);
      if (definition.type === "combined")
        Object.assign(value, { engagement: result?.engagement, fit: result?.fit });
      return value;
    }),
  );
  const current = new Map(records.map((r) => [r.id, r.properties as Record<string, string | null>]));
  const written = await writeScores(crm, {
    object,
    values,
    current,
    cause,
    reasonsOf: request.reasonsOf,
    atMs,
    reprovision: async () => {
      await provisionProperties(crm, object, scores.map(scorePropertySpec));
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
  await indexDueTimes(deps.dueIndex, request.due, { portalId, object, ids }, { ...evaluated, atMs });
  if (deps.metrics) {
    increment(deps.metrics.rescored, cause, records.length);
    increment(deps.metrics.updated, cause, written.updatedRecords);
  }
  return { ...evaluated, evaluated: records.length, updated: written.updatedRecords, leftAlone: [] };
}
