import type { FeedName } from "../ports/feed-event-store.js";
import type { EngagementObject } from "./build-engagement-event.js";

// What loadSnapshots reads: a plain object (derived from enabled score definitions elsewhere),
// so only what some score reads is asked of HubSpot (docs/decisions.md §Read only what scores need: "asks
// only for the properties that enabled scores read").

/**
 * How far back a rule looks at its events (docs/scoring.md §Timeframe): `{withinMs}` before the time of
 * evaluation, `{afterMs}` an instant; null: all of them.
 */
export type EventWindow = { withinMs: number } | { afterMs: number } | null;

/** Event analytics types to read (contacts): each with the windows of the rules that count it. */
export type WebEventNeeds = Record<string, EventWindow[]>;

export interface EventNeeds {
  /** Engagement objects to read; all five when absent. */
  objects?: EngagementObject[];
  /** Extra properties per engagement object, beyond baseEngagementProperties (for `where` rules). */
  properties?: Partial<Record<EngagementObject, string[]>>;
  /** Portal-wide feeds whose stored events to merge (contacts; docs/decisions.md §Portal-wide feeds). */
  feeds?: FeedName[];
  /** Event analytics types (page_view, custom behavioural events …) and their windows; none when absent. */
  web?: WebEventNeeds;
}

export interface AssociatedNeeds {
  properties: string[];
  /** List ids whose membership is needed for these associated records. */
  lists?: string[];
  /** Contacts only: their events (company and deal engagement, docs/scoring.md "association aggregation"). */
  events?: EventNeeds;
}

export interface SnapshotNeeds {
  properties: string[];
  /** List ids whose membership the record's list rules and score scopes need. */
  lists?: string[];
  /** The record's own events (contacts). */
  events?: EventNeeds;
  associations?: {
    contacts?: AssociatedNeeds;
    companies?: AssociatedNeeds;
    deals?: AssociatedNeeds;
  };
}

/** Something a snapshot lacks because HubSpot refused a source, e.g. emails without their scope. */
export interface SnapshotWarning {
  source: string;
  code: string;
  message: string;
}
