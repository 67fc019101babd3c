import type { FeedName } from "../../ports/feed-event-store.js";
import type { ObjectType, ScoreDefinition } from "../../scoring/index.js";
import { deriveSnapshotNeeds } from "../derive-snapshot-needs.js";
import { hubspotEventName } from "../sources/web-event-types.js";
import { feedOfEventType } from "./feed-event-types.js";

// Which of a portal's enabled scores read a feed, and so which records a contact's new feed events
// move (docs/scoring.md §Companies and deals: company and deal engagement reads associated contacts'
// events), from the same needs loadSnapshots reads (derive-snapshot-needs.ts).

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_DAYS = { days: 1, weeks: 7, months: 30, years: 365 } as const;
/** The first poll after a score starts reading a feed reads back at most a year. */
export const MAX_BACKFILL_MS = 365 * DAY_MS;

/** Whether rules on `type` read `feed`: web events are every type event analytics gives. */
export function readsFeed(type: string, feed: FeedName): boolean {
  return feed === "web_events" ? hubspotEventName(type) !== undefined : feedOfEventType(type) === feed;
}

/** The feed a stored event of this type belongs to: the email and form feeds' types, or a web type. */
export function storedFeedOf(type: string): FeedName | undefined {
  return feedOfEventType(type) ?? (hubspotEventName(type) !== undefined ? "web_events" : undefined);
}

/**
 * The hops from a contact to the records to rescore: `[]` the contact itself, `["companies"]` its
 * companies ... Empty when no enabled score reads the feed: the feed is not polled at all.
 */
export function feedReach(definitions: readonly ScoreDefinition[], feed: FeedName): ObjectType[][] {
  const reach: ObjectType[][] = [];
  for (const object of ["contacts", "companies", "deals"] as const) {
    const scores = definitions.filter((d) => d.object === object && d.status === "enabled");
    if (scores.length === 0) continue;
    const needs = deriveSnapshotNeeds(scores);
    const events = object === "contacts" ? needs.events : needs.associations?.contacts?.events;
    const reads =
      feed === "web_events" ? Object.keys(events?.web ?? {}).length > 0 : events?.feeds?.includes(feed);
    if (reads) reach.push(object === "contacts" ? [] : [object]);
  }
  return reach;
}

/**
 * How far back the first poll reads (docs/decisions.md §Portal-wide feeds): the longest `within`
 * timeframe of the rules on the feed's types; a year when a rule has no timeframe or a fixed one
 * (`before`, `after`, `between`), and never more than a year.
 */
export function feedBackfillMs(definitions: readonly ScoreDefinition[], feed: FeedName): number {
  let longest = 0;
  for (const d of definitions) {
    if (d.status !== "enabled") continue;
    for (const group of d.groups) {
      if (group.kind === "fit") continue;
      for (const rule of group.rules) {
        if (!readsFeed(rule.event, feed)) continue;
        const within = rule.timeframe && "within" in rule.timeframe ? rule.timeframe.within : undefined;
        const ms = within ? within.amount * UNIT_DAYS[within.unit] * DAY_MS : MAX_BACKFILL_MS;
        longest = Math.max(longest, ms);
      }
    }
  }
  return Math.min(longest, MAX_BACKFILL_MS);
}
