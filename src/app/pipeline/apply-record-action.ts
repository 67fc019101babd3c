import type { PipelineDeps } from "./pipeline-deps.js";
import type { RecordAction } from "./plan-fan-out.js";

/**
 * What a deletion, a privacy deletion or a merge does to what we hold
 * (docs/decisions.md §Deletions and merges): a deleted record's resets, history and due time go; a privacy
 * deletion erases the same for the contact (docs/scoring.md keeps nothing else per contact: scores live in
 * HubSpot, which deletes them itself); a merge moves the merged records' resets and history to the survivor,
 * which the plan then rescores.
 */
export async function applyRecordAction(
  deps: Pick<PipelineDeps, "records" | "dueIndex" | "logger">,
  portalId: number,
  action: RecordAction,
): Promise<void> {
  const ref = { portalId, object: action.object, recordId: action.kind === "move" ? action.from : action.id };
  if (action.kind === "move") await deps.records.moveRecord(ref, action.to);
  else await deps.records.deleteRecord(ref);
  await deps.dueIndex.remove(portalId, action.object, [ref.recordId]);
  // Ids only: a privacy deletion's log line must not carry anything about the person.
  deps.logger.info(
    { portalId, object: action.object, recordId: ref.recordId, action: action.kind },
    "record data updated",
  );
}
