import type { HistoryCause } from "../../ports/record-store.js";
import type { ObjectType } from "../../scoring/index.js";
import { rescore } from "../rescore/rescore.js";
import { RESCORE_BATCH } from "./flush-records.js";
import type { PortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import type { ScoredRef } from "./resolve-reaches.js";

/**
 * Rescores records of one portal, per object, 100 at a time (pollers, decay), leaving alone those being
 * rescored elsewhere right now (rescore.ts, `busy: "skip"`). A failed batch is logged and counted, not
 * thrown: the next run or the daily sweep covers it. Returns the failed ids, and with `retryLeftAlone`
 * the ids left alone too: a caller whose change the other rescore may have read too early (a list
 * membership has no webhook to bring it again) tries those once more at its next run. With `busy: "wait"`
 * the records are rescored once the other rescore lets go of them instead.
 */
export async function rescoreTargets(
  deps: PipelineDeps,
  scoring: PortalScoring,
  targets: readonly ScoredRef[],
  cause: HistoryCause,
  options: { retryLeftAlone?: boolean; busy?: "skip" | "wait" } = {},
): Promise<ScoredRef[]> {
  const byObject = new Map<ObjectType, Set<string>>();
  for (const t of targets) byObject.set(t.object, (byObject.get(t.object) ?? new Set()).add(t.id));
  const failed: ScoredRef[] = [];
  for (const [object, set] of byObject) {
    const ids = [...set];
    for (let at = 0; at < ids.length; at += RESCORE_BATCH) {
      const batch = ids.slice(at, at + RESCORE_BATCH);
      try {
        const report = await rescore(deps, {
          portalId: scoring.portalId,
          object,
          ids: batch,
          definitions: scoring.definitions,
          cause,
          busy: options.busy ?? "skip",
          due: "exact",
        });
        if (options.retryLeftAlone) failed.push(...report.leftAlone.map((id) => ({ object, id })));
      } catch (error) {
        deps.metrics.failedBatches++;
        deps.logger.warn(
          { portalId: scoring.portalId, object, cause, records: batch.length, err: error },
          "rescore batch failed",
        );
        failed.push(...batch.map((id) => ({ object, id })));
      }
    }
  }
  return failed;
}
