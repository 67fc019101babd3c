import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmObjectType } from "../../ports/crm-client.js";
import { loadScoredPortals, type PortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { rescoreTargets } from "./rescore-targets.js";
import { resolveReaches } from "./resolve-reaches.js";

// What no subscription covers (docs/decisions.md §Freshness without webhooks): every POLL_INTERVAL_SEC, CRM
// search for records modified since a moving cursor (docs/hubspot.md §Rate limits and batching: search has its own 5/s lane in the
// door, 200 per page, 10,000 results at most). Modified records go through the same graph as webhook events.

/** HubSpot answers 400 past 10,000 results (docs/hubspot.md §Rate limits and batching). */
const SEARCH_CAP = 10_000;
const PAGE = 200;
/** Search is indexed with a delay; a window that overlaps the last one misses nothing (re-reads are idempotent). */
export const POLL_OVERLAP_MS = 60_000;

async function pollObject(deps: PipelineDeps, scoring: PortalScoring, object: CrmObjectType): Promise<void> {
  const { portalId, graph } = scoring;
  const crm = deps.crmFor(portalId);
  const startedAtMs = deps.now();
  const cursor = await deps.pollState.cursor(portalId, object);
  // The first run only starts the cursor: enabling a score already rescored every record.
  if (cursor === undefined) return deps.pollState.setCursor(portalId, object, startedAtMs);
  const edges = graph.edges.filter((e) => e.source === object);
  let after: string | null = null;
  const cursors = createPagingCursors(String(portalId), `${object} modified since (poll)`);
  let seen = 0;
  let failures = 0;
  do {
    const page = await crm.searchModifiedSince(object, cursor - POLL_OVERLAP_MS, after);
    const found = await resolveReaches(
      crm,
      page.ids.flatMap((id) => edges.map((e) => ({ object, id, hops: e.hops }))),
    );
    failures += (await rescoreTargets(deps, scoring, found.flat(), "poll")).length;
    seen += page.ids.length;
    after = page.after === null ? null : cursors.next(object, page.after);
    if (after !== null && seen + PAGE > SEARCH_CAP) {
      // Beyond the cap search refuses to page; the daily sweep reads every record without it.
      deps.logger.warn(
        { portalId, object, seen },
        "more modified records than search returns: the sweep covers the rest",
      );
      break;
    }
  } while (after !== null && !deps.stopping());
  // A failed batch keeps the cursor where it was, so the next run reads that window again.
  if (failures === 0 && !deps.stopping()) await deps.pollState.setCursor(portalId, object, startedAtMs);
}

export async function pollModifiedRecords(deps: PipelineDeps): Promise<void> {
  for (const scoring of await loadScoredPortals(deps)) {
    for (const object of scoring.graph.sources) {
      if (deps.stopping()) return;
      try {
        await pollObject(deps, scoring, object);
      } catch (error) {
        deps.logger.warn({ portalId: scoring.portalId, object, err: error }, "modified-records poll failed");
      }
    }
  }
}
