import { AppError } from "../../errors.js";
import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { FeedCursor, FeedEvent } from "../../ports/feed-event-store.js";
import type { ScoreDefinition } from "../../scoring/index.js";
import { hubspotStatusOf } from "../sources/source-context.js";
import { hubspotEventName, toWebSnapshotEvent } from "../sources/web-event-types.js";
import { feedBackfillMs, readsFeed } from "./feed-reach.js";
import type { FeedReadDeps } from "./poll-feeds.js";
import { windowStart } from "./poll-feeds.js";

// The web events feed (docs/decisions.md §Web events feed): per event analytics type the portal's
// enabled scores count, one portal-wide read (no objectId) of every contact's occurrences since the
// cursor, FEED_OVERLAP_MS early, stored per contact like the other feeds and deduped by event id; the
// contacts whose events changed are rescored. HubSpot's spec makes objectId optional but no live
// portal confirmed the read (UNCONFIRMED): a 400 or 422 is remembered on the cursor as a refusal, and
// that portal's snapshots read each contact's events as before (load-web-events.ts); it is asked
// again a day later. A 403 is the tier (needs Enterprise), anything else a failure: the cursor stays.

type WebReadDeps = Pick<FeedReadDeps, "crmFor" | "feeds" | "logger" | "now" | "sourceStatus">;
const REFUSAL_RETRY_MS = 86_400_000;
const isRefusal = (status: number | null) => status === 400 || status === 422;

/** Our web event types the enabled scores count, each with its event analytics name. */
export function webEventTypesRead(definitions: readonly ScoreDefinition[]): Map<string, string> {
  const types = new Map<string, string>();
  for (const d of definitions) {
    if (d.status !== "enabled") continue;
    for (const group of d.groups) {
      if (group.kind === "fit") continue;
      for (const rule of group.rules) {
        const name = hubspotEventName(rule.event);
        if (name !== undefined && readsFeed(rule.event, "web_events")) types.set(rule.event, name);
      }
    }
  }
  return types;
}

/** Every contact's occurrences of one type since `startMs`, stored page by page; the contacts changed. */
async function readTypeSince(
  deps: WebReadDeps,
  portalId: number,
  crm: CrmClient,
  [type, name]: [string, string],
  startMs: number,
): Promise<string[]> {
  const cursors = createPagingCursors(crm.portalId, `portal ${name} events`);
  const changed: string[] = [];
  let after: string | null = null;
  do {
    const page = await crm.readPortalWebEvents(name, startMs, after);
    const byContact = new Map<string, FeedEvent[]>();
    for (const event of page.events) {
      const { occurredAt, properties } = toWebSnapshotEvent(type, event);
      const kept = Object.entries(properties ?? {}).flatMap(([k, v]) => (v === null ? [] : [[k, String(v)]]));
      const feedEvent = {
        key: `${name}:${event.id}`,
        type,
        occurredAt: String(occurredAt),
        properties: Object.fromEntries(kept),
      };
      byContact.set(event.contactId, [...(byContact.get(event.contactId) ?? []), feedEvent]);
    }
    changed.push(...(await deps.feeds.add(portalId, "web_events", byContact)));
    after = page.after ? cursors.next(name, page.after) : null;
  } while (after);
  return changed;
}

/**
 * Reads the web events of the types `definitions` count from the cursor (or the backfill) into the
 * store and moves the cursor on; the contacts whose stored events changed, for the caller to rescore.
 */
export async function readWebEventsIntoStore(
  deps: WebReadDeps,
  portalId: number,
  definitions: readonly ScoreDefinition[],
): Promise<Set<string>> {
  const changed = new Set<string>();
  const types = webEventTypesRead(definitions);
  if (types.size === 0) return changed;
  const nowMs = deps.now();
  const cursor = await deps.feeds.cursor(portalId, "web_events");
  const refused = cursor?.portalWideRefused;
  if (refused && nowMs - refused.atMs < REFUSAL_RETRY_MS) return changed;
  const crm = deps.crmFor(portalId);
  const startMs = windowStart(cursor, nowMs, feedBackfillMs(definitions, "web_events"));
  const fromMs = Math.min(startMs, cursor?.fromMs ?? startMs);
  const held: FeedCursor = {
    sinceMs: cursor?.sinceMs ?? startMs,
    fromMs: cursor?.fromMs ?? startMs,
    lastError: null,
    lastSuccessMs: cursor?.lastSuccessMs ?? null,
  };
  try {
    const available = new Set(await crm.readEventTypes());
    // A type the portal does not have is warned about by the snapshots that count it (load-web-events.ts).
    for (const entry of types)
      if (available.has(entry[1]))
        for (const id of await readTypeSince(deps, portalId, crm, entry, startMs)) changed.add(id);
    await deps.feeds.setCursor(portalId, "web_events", {
      sinceMs: nowMs,
      fromMs,
      lastError: null,
      lastSuccessMs: nowMs,
    });
    await deps.sourceStatus?.recordSuccess(portalId, "event_analytics");
  } catch (error) {
    const status = hubspotStatusOf(error);
    const code = error instanceof AppError ? error.code : "internal";
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn(
      { portalId, feed: "web_events", status, err: error },
      "web events poll failed: its cursor stays",
    );
    if (isRefusal(status)) {
      await deps.feeds.setCursor(portalId, "web_events", {
        ...held,
        portalWideRefused: { atMs: nowMs, message: `HubSpot answered ${status}: ${message}` },
      });
    } else {
      await deps.feeds.setCursor(portalId, "web_events", {
        ...held,
        lastError: { atMs: nowMs, code, message },
      });
      const kind = status === 403 ? "needs_enterprise" : "failing";
      await deps.sourceStatus?.recordProblem(portalId, "event_analytics", { kind, message, atMs: nowMs });
    }
  }
  return changed;
}
