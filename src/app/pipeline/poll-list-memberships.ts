import { loadScoredPortals, type PortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { rescoreTargets } from "./rescore-targets.js";
import { resolveReaches } from "./resolve-reaches.js";

// List memberships have no webhook (docs/decisions.md §Freshness without webhooks): every
// LIST_POLL_INTERVAL_SEC the lists enabled scores read (scopes, inList rules, of self or of associated
// records) are read again and the records that joined or left are rescored (cause "scope"); one that left a
// scope has its properties cleared by the rescore itself (SCORING.md §Which records are scored).

function difference(before: readonly string[], after: readonly string[]): string[] {
  const a = new Set(before);
  const b = new Set(after);
  return [...after.filter((id) => !a.has(id)), ...before.filter((id) => !b.has(id))];
}

async function pollPortal(deps: PipelineDeps, scoring: PortalScoring): Promise<void> {
  const { portalId, graph } = scoring;
  const crm = deps.crmFor(portalId);
  for (const listId of new Set(graph.lists.map((l) => l.listId))) {
    if (deps.stopping()) return;
    try {
      const members = await crm.readListMemberIds(listId);
      const before = await deps.pollState.members(portalId, listId);
      // The first read is the baseline: the enable job scored every record with the lists as they were.
      if (before !== undefined) {
        const changed = difference(before, members);
        const edges = graph.lists.filter((l) => l.listId === listId);
        const found = await resolveReaches(
          crm,
          changed.flatMap((id) => edges.map((e) => ({ object: e.source, id, hops: e.hops }))),
        );
        // The baseline moves only once every record that joined or left was rescored here.
        const failed = await rescoreTargets(deps, scoring, found.flat(), "scope", { retryLeftAlone: true });
        if (failed.length > 0) continue;
      }
      await deps.pollState.setMembers(portalId, listId, members);
    } catch (error) {
      deps.logger.warn({ portalId, listId, err: error }, "list membership poll failed");
    }
  }
}

export async function pollListMemberships(deps: PipelineDeps): Promise<void> {
  for (const scoring of await loadScoredPortals(deps)) await pollPortal(deps, scoring);
}
