import type { FeedName } from "../../ports/feed-event-store.js";
import type { ScoreDefinition } from "../../scoring/index.js";
import { loadScoredPortals, type PortalScoring } from "../pipeline/load-portal-scoring.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { feedReach } from "./feed-reach.js";
import { type FeedReadDeps, readFeedIntoStore, rescoreFeedChanges } from "./poll-feeds.js";
import { readWebEventsIntoStore } from "./poll-web-events.js";
import { readEmailEventWindow, readFormSubmissionWindow } from "./read-feed-windows.js";

// The three portal-wide feeds as one mechanism (docs/decisions.md §Portal-wide feeds, §Web events feed):
// each reads into the store from its cursor and answers the contacts whose events changed; a poll then
// rescores the records those contacts move, an enable job reads first and rescores everything itself.

type ReadIntoStore = (deps: FeedReadDeps, scoring: PortalScoring) => Promise<Set<string>>;

const readIntoStore: Record<FeedName, ReadIntoStore> = {
  email_events: (deps, scoring) => readFeedIntoStore(deps, scoring, "email_events", readEmailEventWindow),
  form_submissions: (deps, scoring) =>
    readFeedIntoStore(deps, scoring, "form_submissions", readFormSubmissionWindow),
  web_events: (deps, scoring) => readWebEventsIntoStore(deps, scoring.portalId, scoring.definitions),
};

async function pollFeed(deps: PipelineDeps, scoring: PortalScoring, feed: FeedName): Promise<void> {
  const reach = feedReach(scoring.definitions, feed);
  if (reach.length === 0) return;
  const changed = await readIntoStore[feed](deps, scoring);
  // Events stored before a failure are rescored too: the next poll finds them held already.
  try {
    await rescoreFeedChanges(deps, scoring, reach, [...changed]);
  } catch (error) {
    const { portalId } = scoring;
    deps.logger.warn({ portalId, feed, contacts: changed.size, err: error }, "feed rescore failed");
  }
}

/** A feed's scheduled task: every portal with an enabled score that reads the feed. */
const pollEveryPortal = (feed: FeedName) => async (deps: PipelineDeps) => {
  for (const scoring of await loadScoredPortals(deps)) {
    if (deps.stopping()) return;
    await pollFeed(deps, scoring, feed);
  }
};

export const pollEmailEvents = pollEveryPortal("email_events");
export const pollFormSubmissions = pollEveryPortal("form_submissions");
export const pollWebEvents = pollEveryPortal("web_events");

/**
 * Before an enable or update job rescores every record: the feeds its score reads are read up to now,
 * backfill included, so the job's values already hold their events instead of the first poll
 * rescoring every contact a second time. Nothing is rescored here: the job rescores every record next.
 */
export async function catchUpFeeds(deps: FeedReadDeps, scoring: PortalScoring, score: ScoreDefinition) {
  for (const feed of Object.keys(readIntoStore) as FeedName[]) {
    if (feedReach([score], feed).length === 0) continue;
    await readIntoStore[feed](deps, scoring);
  }
}
