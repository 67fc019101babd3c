import type { DueRecord } from "../../ports/due-index.js";
import { loadPortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { rescoreTargets } from "./rescore-targets.js";

/** A record whose rescore failed is looked at again this much later, not every minute. */
export const DUE_RETRY_MS = 5 * 60_000;
const PAGE = 1_000;

/**
 * The decay cron (every DUE_CHECK_SEC, docs/decisions.md §Decay cron): records whose nextChangeAt has passed
 * — a decay step, an event leaving a `within` timeframe, a future event arriving (docs/scoring.md §Decay, §Timeframe,
 * §nextChangeAt) — are rescored with cause "decay"; the rescore stores each one's next due time.
 */
export async function rescoreDueRecords(deps: PipelineDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await deps.dueIndex.due(deps.now(), PAGE);
    const byPortal = new Map<number, DueRecord[]>();
    for (const d of due) byPortal.set(d.portalId, [...(byPortal.get(d.portalId) ?? []), d]);
    for (const [portalId, records] of byPortal) {
      const scoring = await loadPortalScoring(deps, portalId);
      if (!scoring) {
        // Uninstalled or disconnected: nothing to write; a reinstall's enable job indexes again.
        await deps.dueIndex.removePortal(portalId);
        continue;
      }
      // Claimed first: the rescore sets each record's exact next time, and whatever it does not set (a
      // failed batch, a record skipped as unusable) comes back in DUE_RETRY_MS instead of being due
      // again at once, which would spin this loop. A shared index claims in due() already.
      const retryAtMs = deps.now() + DUE_RETRY_MS;
      for (const object of new Set(records.map((r) => r.object))) {
        const ids = records.filter((r) => r.object === object).map((r) => [r.recordId, retryAtMs] as const);
        await deps.dueIndex.set(portalId, object, new Map(ids));
      }
      const targets = records.map((r) => ({ object: r.object, id: r.recordId }));
      await rescoreTargets(deps, scoring, targets, "decay");
      total += records.length;
    }
    if (due.length < PAGE || deps.stopping()) return total;
  }
}
