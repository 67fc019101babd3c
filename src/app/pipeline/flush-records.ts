import type { ObjectType } from "../../scoring/index.js";
import { rescore } from "../rescore/rescore.js";
import { loadPortalScoring, type PortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import type { Held, InFlight } from "./pipeline-worker.js";

/** HubSpot's batch endpoints take 100 records (HUBSPOT.md §5.1): one rescore call per 100. */
export const RESCORE_BATCH = 100;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Rescores held records per (portal, object), 100 at a time, with every enabled score of the object
 * (cause "webhook"). A batch that fails is retried record by record, so a poison record fails only
 * the entries that lead to it; the inbox retries those with backoff and parks them in the end.
 */
export async function flushRecords(
  deps: PipelineDeps,
  records: readonly Held[],
  inFlight: Map<number, InFlight>,
): Promise<void> {
  const groups = new Map<string, Held[]>();
  for (const r of records)
    groups.set(`${r.portalId}:${r.object}`, [...(groups.get(`${r.portalId}:${r.object}`) ?? []), r]);
  const scorings = new Map<number, Promise<PortalScoring | null>>();
  const scoringOf = (portalId: number) => {
    if (!scorings.has(portalId)) scorings.set(portalId, loadPortalScoring(deps, portalId));
    return scorings.get(portalId) as Promise<PortalScoring | null>;
  };
  const settled: number[] = [];
  const failed: [number, string][] = [];
  const resolve = (record: Held, error: string | null) => {
    for (const id of record.entries) {
      const entry = inFlight.get(id);
      if (!entry) continue;
      entry.open--;
      if (error !== null) entry.error = error;
      if (entry.open > 0) continue;
      inFlight.delete(id);
      if (entry.error === null) {
        settled.push(id);
        const lagMs = deps.now() - entry.entry.receivedAtMs;
        deps.metrics.webhookLagSumMs += lagMs;
        deps.metrics.webhookLagCount++;
        deps.metrics.lastWebhookLagMs = lagMs;
      } else failed.push([id, entry.error]);
    }
  };
  const rescoreBatch = async (portalId: number, object: ObjectType, batch: Held[]) => {
    const scoring = await scoringOf(portalId);
    // Uninstalled since the event came: nothing to write, the entry is done (dropped).
    if (!scoring) return;
    const ids = batch.map((r) => r.id);
    const { definitions } = scoring;
    await rescore(deps, { portalId, object, ids, definitions, cause: "webhook", busy: "held", due: "exact" });
  };
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { portalId, object } = group[0] as Held;
      for (let at = 0; at < group.length; at += RESCORE_BATCH) {
        const batch = group.slice(at, at + RESCORE_BATCH);
        try {
          await rescoreBatch(portalId, object, batch);
          for (const r of batch) resolve(r, null);
        } catch (error) {
          deps.metrics.failedBatches++;
          deps.logger.warn(
            { portalId, object, records: batch.length, err: error },
            "rescore batch failed: retrying each record alone",
          );
          for (const r of batch) {
            try {
              await rescoreBatch(portalId, object, [r]);
              resolve(r, null);
            } catch (single) {
              deps.logger.warn({ portalId, object, recordId: r.id, err: single }, "record rescore failed");
              resolve(r, `${object} ${r.id}: ${message(single)}`);
            }
          }
        }
      }
    }),
  );
  if (settled.length > 0) await deps.inbox.complete(settled);
  for (const [id, error] of failed) {
    const status = await deps.inbox.fail(id, error).catch(() => "gone" as const);
    if (status === "parked")
      deps.logger.error({ entryId: id, error }, "webhook event parked after its last attempt");
  }
}
