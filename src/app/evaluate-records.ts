import type { Logger } from "pino";
import type { CrmClient } from "../ports/crm-client.js";
import type { FeedEventStore } from "../ports/feed-event-store.js";
import type { RecordStore } from "../ports/record-store.js";
import type { SourceStatusStore } from "../ports/source-status-store.js";
import {
  type CompiledScore,
  compileScore,
  evaluateRecord,
  type ObjectType,
  parseSnapshot,
  type ScoreDefinition,
  type ScoreResult,
  scorePropertyNames,
} from "../scoring/index.js";
import { deriveSnapshotNeeds } from "./derive-snapshot-needs.js";
import { loadSnapshots } from "./load-snapshots.js";
import type { SnapshotWarning } from "./snapshot-needs.js";

export type EvaluateDeps = {
  crm: CrmClient;
  records: RecordStore;
  logger: Logger;
  /** Contacts' stored marketing email events and form submissions; without it, a warning says so. */
  feeds?: Pick<FeedEventStore, "events">;
  /** Each event source's outcome per portal (docs/decisions.md §Sources status). */
  sourceStatus?: SourceStatusStore | undefined;
};
export type EvaluatedRecord = {
  id: string;
  /** As HubSpot holds them now, the scores' own properties included. */
  properties: Record<string, unknown>;
  /** One per definition, in the order given. */
  results: ScoreResult[];
};
export type EvaluatedRecords = { records: EvaluatedRecord[]; skipped: string[]; warnings: SnapshotWarning[] };

const compiled = new WeakMap<ScoreDefinition, CompiledScore>();
function compileOnce(definition: ScoreDefinition): CompiledScore {
  const known = compiled.get(definition);
  if (known) return known;
  const score = compileScore(definition);
  compiled.set(definition, score);
  return score;
}

function feedReaderOf(deps: EvaluateDeps, portalId: number) {
  const feeds = deps.feeds;
  return feeds ? (contactIds: readonly string[]) => feeds.events(portalId, contactIds) : undefined;
}

/**
 * Reads records of one object with everything `definitions` need (and their own properties, so
 * callers can tell what changed), applies the app's resets, and evaluates at `atMs`. Writes nothing.
 */
export async function evaluateRecords(
  deps: EvaluateDeps,
  portalId: number,
  object: ObjectType,
  ids: readonly string[],
  definitions: readonly ScoreDefinition[],
  options: { atMs: number; explain?: boolean },
): Promise<EvaluatedRecords> {
  if (ids.length === 0 || definitions.length === 0) return { records: [], skipped: [], warnings: [] };
  const needs = deriveSnapshotNeeds(definitions);
  const reader = feedReaderOf(deps, portalId);
  const own = definitions.flatMap((d) => scorePropertyNames(d.property.name, d.type));
  needs.properties = [...new Set([...needs.properties, ...own])];
  const [{ snapshots, warnings }, resets] = await Promise.all([
    loadSnapshots(deps.crm, object, ids, needs, {
      portalId,
      store: deps.sourceStatus,
      atMs: options.atMs,
      ...(reader ? { feedEvents: reader } : {}),
    }),
    deps.records.resets(portalId, object, ids),
  ]);
  const records: EvaluatedRecord[] = [];
  const skipped: string[] = [];
  for (const input of snapshots) {
    const id = String(input.id);
    try {
      const snapshot = parseSnapshot({ ...input, resets: resets.get(id) ?? {} });
      const results = definitions.map((d) =>
        evaluateRecord(compileOnce(d), snapshot, options.atMs, { explain: options.explain === true }),
      );
      records.push({ id, properties: snapshot.properties, results });
    } catch (error) {
      // One unreadable record must not hold back the others; it is named in the answer.
      deps.logger.warn({ portalId, object, recordId: id, err: error }, "record skipped: snapshot unusable");
      skipped.push(id);
    }
  }
  return { records, skipped, warnings };
}
