import type { FeedEventStore } from "../../ports/feed-event-store.js";
import { parseDefinition } from "../../scoring/index.js";
import { catchUpFeeds } from "../feeds/feed-polls.js";
import type { FeedReadDeps } from "../feeds/poll-feeds.js";
import { buildDependencyGraph } from "../pipeline/build-dependency-graph.js";

// Marketing email events and form submissions come from the feed event store (docs/decisions.md §Portal-wide
// feeds), which the pollers fill only for portals whose enabled scores read them. A suggestion reads both
// whatever is enabled, so the job first reads both feeds up to now, as an enable job does, with the longest
// backfill (a rule without a time frame): a feed read before keeps its own cursor and backfill.

const readsBothFeeds = parseDefinition({
  id: "suggestion-feeds",
  name: "What a suggestion reads from the portal-wide feeds",
  object: "contacts",
  type: "engagement",
  status: "enabled",
  property: { name: "ls_suggestion_feeds" },
  groups: [
    {
      name: "Feeds",
      kind: "engagement",
      rules: [
        { event: "form_submission", points: 1 },
        { event: "marketing_email_click", points: 1 },
      ],
    },
  ],
});

export async function catchUpSuggestionFeeds(
  deps: Omit<FeedReadDeps, "feeds">,
  feeds: FeedEventStore,
  portalId: number,
): Promise<void> {
  const definitions = [readsBothFeeds];
  const scoring = { portalId, definitions, graph: buildDependencyGraph(definitions) };
  await catchUpFeeds({ ...deps, feeds }, scoring, readsBothFeeds);
}
