import type { InboxEntry } from "../../ports/inbox.js";
import type { ObjectType } from "../../scoring/index.js";
import { rescore } from "../rescore/rescore.js";
import { loadPortalScoring, type PortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import type { HeldRecord, WorkerState } from "./worker-state.js";

/** HubSpot's batch endpoints take 100 records (docs/hubspot.md §Rate limits and batching): one rescore call per 100. */
export const RESCORE_BATCH = 100;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Rescores records the worker started (worker-state.ts) per (portal, object), 100 at a time, with
 * every enabled score of the object (cause "webhook"). A batch that fails is retried record by
 * record, so a poison record fails only the entries that lead to it; the inbox retries those with
 * backoff and parks them in the end.
 */
export async function flushRecords(
  deps: PipelineDeps,
  records: readonly HeldRecord[],
  state: Pick<WorkerState, "finish">,
): Promise<void> {
  const groups = new Map<string, HeldRecord[]>();
  for (const r of records)
    groups.set(`${r.portalId}:${r.object}`, [...(groups.get(`${r.portalId}:${r.object}`) ?? []), r]);
  const scorings = new Map<number, Promise<PortalScoring | null>>();
  const scoringOf = (portalId: number) => {
    if (!scorings.has(portalId)) scorings.set(portalId, loadPortalScoring(deps, portalId));
    return scorings.get(portalId) as Promise<PortalScoring | null>;
  };
  const completed: InboxEntry[] = [];
  const failed: { entry: InboxEntry; error: string }[] = [];
  const finish = (record: HeldRecord, error: string | null) => {
    const settled = state.finish(record, error);
    for (const entry of settled.completed) {
      const lagMs = deps.now() - entry.receivedAtMs;
      deps.metrics.webhookLagSumMs += lagMs;
      deps.metrics.webhookLagCount++;
      deps.metrics.lastWebhookLagMs = lagMs;
    }
    completed.push(...settled.completed);
    failed.push(...settled.failed);
  };
  const rescoreBatch = async (portalId: number, object: ObjectType, batch: HeldRecord[]) => {
    const scoring = await scoringOf(portalId);
    // Uninstalled since the event came: nothing to write, the entry is done (dropped).
    if (!scoring) return;
    const ids = batch.map((r) => r.id);
    const { definitions } = scoring;
    const reasons = new Map(batch.map((r) => [r.id, [...r.reasons.values()]]));
    const reasonsOf = (id: string) => reasons.get(id) ?? [];
    const cause = "webhook";
    await rescore(deps, { portalId, object, ids, definitions, cause, reasonsOf, busy: "held", due: "exact" });
  };
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const { portalId, object } = group[0] as HeldRecord;
      for (let at = 0; at < group.length; at += RESCORE_BATCH) {
        const batch = group.slice(at, at + RESCORE_BATCH);
        try {
          await rescoreBatch(portalId, object, batch);
          for (const r of batch) finish(r, null);
        } catch (error) {
          deps.metrics.failedBatches++;
          deps.logger.warn(
            { portalId, object, records: batch.length, err: error },
            "rescore batch failed: retrying each record alone",
          );
          for (const r of batch) {
            try {
              await rescoreBatch(portalId, object, [r]);
              finish(r, null);
            } catch (single) {
              deps.logger.warn({ portalId, object, recordId: r.id, err: single }, "record rescore failed");
              finish(r, `${object} ${r.id}: ${message(single)}`);
            }
          }
        }
      }
    }),
  );
  if (completed.length > 0) await deps.inbox.complete(completed.map((e) => e.id));
  for (const { entry, error } of failed) {
    const status = await deps.inbox.fail(entry.id, error).catch(() => "gone" as const);
    if (status === "parked")
      deps.logger.error({ entryId: entry.id, error }, "webhook event parked after its last attempt");
  }
}
