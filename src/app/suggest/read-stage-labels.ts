import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { SuggestionRequest } from "../../ports/suggestion-store.js";
import { emptyLabelCounts, type LabelCounts, labelOutcomes } from "../../suggest/label-outcomes.js";

// Labels from every record of the object (docs/decisions.md §Suggested scores from HubSpot): the objects
// list API pages through all of them, 100 at a time, with both stages' entry dates, because a CRM search
// would stop at 10,000 results (docs/hubspot.md §Rate limits and batching). Only each label is kept, not the page.

export async function readStageLabels(
  crm: Pick<CrmClient, "listStageEntries" | "portalId">,
  request: SuggestionRequest,
  nowMs: number,
  /** Called after each page with the records read so far. */
  onPage: (read: number) => Promise<void>,
): Promise<LabelCounts> {
  const counts = emptyLabelCounts();
  const cursors = createPagingCursors(crm.portalId, `${request.object} stage entries (suggest job)`);
  let read = 0;
  let after: string | null = null;
  do {
    const page = await crm.listStageEntries(request.object, [request.from, request.to], after);
    labelOutcomes(
      page.records.map((record) => ({
        id: record.id,
        startAtMs: record.enteredAtMs[request.from] ?? null,
        endAtMs: record.enteredAtMs[request.to] ?? null,
      })),
      request.withinDays,
      nowMs,
      counts,
    );
    read += page.records.length;
    after = page.after === null ? null : cursors.next(request.object, page.after);
    await onPage(read);
  } while (after !== null);
  return counts;
}
