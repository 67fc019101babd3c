import { AppError } from "../../errors.js";
import type { FeedCursor, FeedName } from "../../ports/feed-event-store.js";
import type { EventSourceName } from "../../ports/source-status-store.js";
import type { ObjectType, ScoreDefinition } from "../../scoring/index.js";
import { loadScoredPortals, type PortalScoring } from "../pipeline/load-portal-scoring.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { rescoreTargets } from "../pipeline/rescore-targets.js";
import { resolveReaches } from "../pipeline/resolve-reaches.js";
import { feedBackfillMs, feedReach } from "./feed-reach.js";
import {
  type FeedWindow,
  readEmailEventWindow,
  readFormSubmissionWindow,
  type StorePage,
} from "./read-feed-windows.js";
import { storeAddressedEvents } from "./store-addressed-events.js";

// The portal-wide feeds' pollers (docs/decisions.md §Portal-wide feeds), one per feed, each on its own
// interval (EMAIL_EVENTS_POLL_MS, FORM_SUBMISSIONS_POLL_MS), only for portals with an enabled score
// that reads the feed. Each poll reads from its durable cursor, FEED_OVERLAP_MS early because HubSpot's
// logs are eventually consistent (events are deduped by identity in the store), to now; stores the
// events with their contacts and rescores the records they move (cause "poll", busy "skip"). The
// first poll backfills (feed-reach.ts). A failed poll keeps its cursor and records its error there,
// for the sources status: it delays events, never loses them.

export const FEED_OVERLAP_MS = 10 * 60 * 1000;
/** A send to a whole database can log more events within the overlap; past this, dedupe alone holds. */
const MAX_RECENT_KEYS = 20_000;
/** The feed's name in the sources status (docs/decisions.md §Sources status). */
const sourceOf: Record<FeedName, EventSourceName> = {
  email_events: "marketing_email_events",
  form_submissions: "form_submissions",
  web_events: "event_analytics",
};
/** The optional scope each feed needs (src/hubspot/scopes.ts); event analytics needs none beyond a live token. */
const scopeOf: Record<FeedName, string | null> = {
  email_events: "content",
  form_submissions: "forms",
  web_events: null,
};

type ReadWindow = (
  crm: ReturnType<PipelineDeps["crmFor"]>,
  window: FeedWindow,
  store: StorePage,
) => Promise<void>;

/** Rescores the records a change of these contacts' feed events moves. */
export async function rescoreFeedChanges(
  deps: PipelineDeps,
  scoring: PortalScoring,
  reach: readonly ObjectType[][],
  contactIds: readonly string[],
): Promise<void> {
  if (contactIds.length === 0) return;
  const crm = deps.crmFor(scoring.portalId);
  const found = await resolveReaches(
    crm,
    contactIds.flatMap((id) => reach.map((hops) => ({ object: "contacts" as const, id, hops }))),
  );
  const leftAlone = await rescoreTargets(deps, scoring, found.flat(), "poll", { retryLeftAlone: true });
  // A record another rescore held (a webhook's, say) may have read the store before these events were
  // in it: rescored once more when it is free, or the events would wait for its next rescore.
  if (leftAlone.length > 0) await rescoreTargets(deps, scoring, leftAlone, "poll", { busy: "wait" });
}

/** Where this poll starts: the cursor less the overlap, or the backfill when none or it grew. */
export function windowStart(cursor: FeedCursor | undefined, nowMs: number, backfillMs: number): number {
  const backfillFrom = nowMs - backfillMs;
  if (!cursor) return backfillFrom;
  return Math.min(cursor.sinceMs - FEED_OVERLAP_MS, backfillFrom < cursor.fromMs ? backfillFrom : Infinity);
}

/**
 * A portal that declined the feed's scope would answer 403 to every read: it is not asked at all (the
 * sources status shows the scope missing from the granted ones, docs/decisions.md §Sources status).
 */
export async function feedScopeGranted(
  deps: Pick<PipelineDeps, "installations">,
  portalId: number,
  feed: FeedName,
): Promise<boolean> {
  const scope = scopeOf[feed];
  const installation = await deps.installations.get(portalId);
  if (!installation) return false;
  return scope === null || installation.scopes.includes(scope);
}

/** What reading a feed into the store needs: the pollers and the rescore job both have it. */
export type FeedReadDeps = Pick<
  PipelineDeps,
  "crmFor" | "feeds" | "installations" | "logger" | "now" | "sourceStatus"
>;

/**
 * Reads a feed from its cursor (or its backfill) into the store and moves the cursor on; answers the
 * contacts whose stored events changed, for the caller to rescore. A failure keeps the cursor and is
 * recorded with it and in the sources status: events are delayed, never lost.
 */
async function readFeedIntoStore(
  deps: FeedReadDeps,
  scoring: PortalScoring,
  feed: FeedName,
  read: ReadWindow,
): Promise<Set<string>> {
  const changed = new Set<string>();
  const { portalId } = scoring;
  if (!(await feedScopeGranted(deps, portalId, feed))) return changed;
  const crm = deps.crmFor(portalId);
  const nowMs = deps.now();
  const cursor = await deps.feeds.cursor(portalId, feed);
  const startMs = windowStart(cursor, nowMs, feedBackfillMs(scoring.definitions, feed));
  const fromMs = Math.min(startMs, cursor?.fromMs ?? startMs);
  const seen = new Set(cursor?.recentKeys ?? []);
  const recentKeys: string[] = [];
  const known = new Map<string, string[]>();
  let retried = false;
  const store = async (page: Parameters<StorePage>[0]) => {
    for (const a of page)
      if (Date.parse(a.event.occurredAt) >= nowMs - FEED_OVERLAP_MS && recentKeys.length < MAX_RECENT_KEYS)
        recentKeys.push(a.event.key);
    const addressed = page.filter((a) => !seen.has(a.event.key));
    if (addressed.length === 0 && retried) return;
    const storeDeps = { crm, feeds: deps.feeds, now: deps.now };
    const ids = await storeAddressedEvents(storeDeps, portalId, feed, addressed, {
      retryPending: !retried,
      known,
    });
    retried = true;
    for (const id of ids) changed.add(id);
  };
  try {
    await read(crm, { startMs, endMs: nowMs }, store);
    if (!retried) await store([]);
    await deps.feeds.setCursor(portalId, feed, {
      sinceMs: nowMs,
      fromMs,
      recentKeys,
      lastError: null,
      lastSuccessMs: nowMs,
    });
    await deps.sourceStatus?.recordSuccess(portalId, sourceOf[feed]);
  } catch (error) {
    const code = error instanceof AppError ? error.code : "internal";
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn({ portalId, feed, code, err: error }, "feed poll failed: its cursor stays");
    await deps.feeds.setCursor(portalId, feed, {
      sinceMs: cursor?.sinceMs ?? startMs + FEED_OVERLAP_MS,
      fromMs: cursor?.fromMs ?? fromMs,
      ...(cursor?.recentKeys ? { recentKeys: cursor.recentKeys } : {}),
      lastError: { atMs: nowMs, code, message },
      lastSuccessMs: cursor?.lastSuccessMs ?? null,
    });
    await deps.sourceStatus?.recordProblem(portalId, sourceOf[feed], {
      kind: "failing",
      message,
      atMs: nowMs,
    });
  }
  return changed;
}

async function pollFeed(deps: PipelineDeps, scoring: PortalScoring, feed: FeedName, read: ReadWindow) {
  const reach = feedReach(scoring.definitions, feed);
  if (reach.length === 0) return;
  const changed = await readFeedIntoStore(deps, scoring, feed, read);
  // Events stored before a failure are rescored too: the next poll finds them held already.
  try {
    await rescoreFeedChanges(deps, scoring, reach, [...changed]);
  } catch (error) {
    const { portalId } = scoring;
    deps.logger.warn({ portalId, feed, contacts: changed.size, err: error }, "feed rescore failed");
  }
}

async function pollEveryPortal(deps: PipelineDeps, feed: FeedName, read: ReadWindow): Promise<void> {
  for (const scoring of await loadScoredPortals(deps)) {
    if (deps.stopping()) return;
    await pollFeed(deps, scoring, feed, read);
  }
}

/** The feeds addressed by email; web events are read by poll-web-events.ts (catchUpWebEvents). */
const readers: Record<Exclude<FeedName, "web_events">, ReadWindow> = {
  email_events: readEmailEventWindow,
  form_submissions: readFormSubmissionWindow,
};

/**
 * Before an enable or update job rescores every record (docs/decisions.md §Portal-wide feeds): the
 * feeds its score reads are read up to now, backfill included, so the job's values already hold the
 * marketing events instead of the first poll rescoring every contact a second time. Nothing is
 * rescored here: the job that called it rescores every record next.
 */
export async function catchUpFeeds(deps: FeedReadDeps, scoring: PortalScoring, score: ScoreDefinition) {
  for (const feed of Object.keys(readers) as (keyof typeof readers)[]) {
    if (feedReach([score], feed).length === 0) continue;
    await readFeedIntoStore(deps, scoring, feed, readers[feed]);
  }
}

export const pollEmailEvents = (deps: PipelineDeps) =>
  pollEveryPortal(deps, "email_events", readEmailEventWindow);
export const pollFormSubmissions = (deps: PipelineDeps) =>
  pollEveryPortal(deps, "form_submissions", readFormSubmissionWindow);
