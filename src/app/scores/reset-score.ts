import { rescore } from "../rescore/rescore.js";
import { requireScore } from "./save-score.js";
import type { ScoresDeps } from "./scores-deps.js";

const PAGE = 100;

/**
 * docs/scoring.md §Resets: the engagement part of the score restarts now for one record or
 * every member of a list; an enabled score is rewritten at once (cause "reset").
 */
export async function resetScore(
  deps: ScoresDeps,
  portalId: number,
  scoreId: string,
  target: { recordId: string } | { listId: string },
) {
  const { definition } = await requireScore(deps, portalId, scoreId);
  const crm = deps.crmFor(portalId);
  const ids = "recordId" in target ? [target.recordId] : await crm.readListMemberIds(target.listId);
  const atMs = deps.now();
  for (const recordId of ids)
    await deps.records.setReset({ portalId, object: definition.object, recordId }, scoreId, atMs);
  let updated = 0;
  if (definition.status === "enabled") {
    for (let i = 0; i < ids.length; i += PAGE) {
      const page = ids.slice(i, i + PAGE);
      const { object } = definition;
      const request = { portalId, object, ids: page, definitions: [definition], cause: "reset" } as const;
      const reasonsOf = () => [{ kind: "reset", by: "admin" } as const];
      updated += (await rescore(deps, { ...request, reasonsOf, busy: "wait", due: "lower" })).updated;
    }
  }
  return { scoreId, resetAt: new Date(atMs).toISOString(), records: ids.length, updated };
}
