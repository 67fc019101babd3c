import { AppError } from "../../errors.js";
import type { FeedCursor, FeedName } from "../../ports/feed-event-store.js";
import type { EventSourceName } from "../../ports/source-status-store.js";
import type { ObjectType } from "../../scoring/index.js";
import type { PortalScoring } from "../pipeline/load-portal-scoring.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { rescoreTargets } from "../pipeline/rescore-targets.js";
import { resolveReaches } from "../pipeline/resolve-reaches.js";
import { feedBackfillMs } from "./feed-reach.js";
import type { FeedWindow, StorePage } from "./read-feed-windows.js";
import { storeAddressedEvents } from "./store-addressed-events.js";

// Reading the feeds addressed by email (docs/decisions.md §Portal-wide feeds) into the store; the
// scheduled polls and the enable job's catch-up are in feed-polls.ts. Each read goes from the durable
// cursor, FEED_OVERLAP_MS early because HubSpot's logs are eventually consistent (events are deduped
// by identity in the store), to now, and stores the events with their contacts. The first read
// backfills (feed-reach.ts). A failed read keeps its cursor and records its error there, for the
// sources status: it delays events, never loses them.

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
export async function readFeedIntoStore(
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
