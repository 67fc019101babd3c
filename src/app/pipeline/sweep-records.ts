import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import { rescore } from "../rescore/rescore.js";
import { loadScoredPortals } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";

/**
 * The daily safety sweep (docs/decisions.md §Freshness without webhooks): every record of every object with
 * enabled scores, a page of 100 at a time through the objects API (no search cap), cause "sweep". It repairs
 * whatever webhooks, pollers and the due-index missed (a deleted engagement, a lost due-index file).
 */
export async function sweepRecords(deps: PipelineDeps): Promise<number> {
  let total = 0;
  for (const scoring of await loadScoredPortals(deps)) {
    const crm = deps.crmFor(scoring.portalId);
    for (const object of scoring.graph.scored) {
      let after: string | null = null;
      const cursors = createPagingCursors(String(scoring.portalId), `${object} record ids (sweep)`);
      try {
        do {
          if (deps.stopping()) return total;
          const page = await crm.listRecordIds(object, after);
          const { portalId, definitions } = scoring;
          await rescore(deps, {
            portalId,
            object,
            ids: page.ids,
            definitions,
            cause: "sweep",
            busy: "skip",
            due: "exact",
          });
          total += page.ids.length;
          after = page.after === null ? null : cursors.next(object, page.after);
        } while (after !== null);
      } catch (error) {
        deps.logger.warn({ portalId: scoring.portalId, object, err: error }, "sweep of an object failed");
      }
    }
  }
  return total;
}
