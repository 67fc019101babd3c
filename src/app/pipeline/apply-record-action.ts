import type { FeedEvent, FeedName } from "../../ports/feed-event-store.js";
import { storedFeedOf } from "../feeds/feed-reach.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import type { RecordAction } from "./plan-fan-out.js";

/**
 * What a deletion, a privacy deletion or a merge does to what we hold
 * (docs/decisions.md §Deletions and merges): a deleted record's resets, history and due time go; a privacy
 * deletion erases the same for the contact (docs/scoring.md keeps nothing else per contact: scores live in
 * HubSpot, which deletes them itself); a merge moves the merged records' resets and history to the survivor,
 * which the plan then rescores. A contact's stored feed events (docs/decisions.md §Portal-wide feeds)
 * go with it, or move to the survivor of a merge.
 */
export async function applyRecordAction(
  deps: Pick<PipelineDeps, "records" | "dueIndex" | "logger"> & Partial<Pick<PipelineDeps, "feeds">>,
  portalId: number,
  action: RecordAction,
): Promise<void> {
  const ref = { portalId, object: action.object, recordId: action.kind === "move" ? action.from : action.id };
  if (action.kind === "move") await deps.records.moveRecord(ref, action.to);
  else await deps.records.deleteRecord(ref);
  await deps.dueIndex.remove(portalId, action.object, [ref.recordId]);
  if (deps.feeds && action.object === "contacts") {
    const feeds = deps.feeds;
    if (action.kind === "move") {
      const held = (await feeds.events(portalId, [action.from])).get(action.from) ?? [];
      const byFeed = new Map<FeedName, FeedEvent[]>();
      for (const event of held) {
        const feed = storedFeedOf(event.type);
        if (feed) byFeed.set(feed, [...(byFeed.get(feed) ?? []), event]);
      }
      for (const [feed, events] of byFeed) await feeds.add(portalId, feed, new Map([[action.to, events]]));
    }
    await feeds.deleteContact(portalId, ref.recordId);
  }
  // Ids only: a privacy deletion's log line must not carry anything about the person.
  deps.logger.info(
    { portalId, object: action.object, recordId: ref.recordId, action: action.kind },
    "record data updated",
  );
}
