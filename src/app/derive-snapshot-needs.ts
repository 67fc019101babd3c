import type { FeedName } from "../ports/feed-event-store.js";
import { parseInstant, type ScoreDefinition, timeframeUnitMs } from "../scoring/index.js";
import type { Timeframe } from "../scoring/rule-schema.js";
import { type EngagementObject, eventTypeOf } from "./build-engagement-event.js";
import { feedOfEventType } from "./feeds/feed-event-types.js";
import type { AssociatedNeeds, EventNeeds, EventWindow, SnapshotNeeds } from "./snapshot-needs.js";
import { hubspotEventName } from "./sources/web-event-types.js";

// What to read from HubSpot for a set of scores of one object (docs/decisions.md §Read only what scores need:
// "asks only for the properties that enabled scores read"): properties and lists of fit rules and scopes, the
// engagement objects and `where` properties of event rules, associated records' properties.

const objectOfEventType = new Map(
  (Object.entries(eventTypeOf) as [EngagementObject, string][]).map(([object, type]) => [type, object]),
);

type Needs = {
  properties: Set<string>;
  lists: Set<string>;
  events: Map<EngagementObject, Set<string>>;
  web: Map<string, EventWindow[]>;
  feeds: Set<FeedName>;
};
const emptyNeeds = (): Needs => ({
  properties: new Set(),
  lists: new Set(),
  events: new Map(),
  feeds: new Set(),
  web: new Map(),
});

/** The oldest events a rule's timeframe can count (docs/scoring.md §Timeframe); null: any age. */
function windowOf(timeframe: Timeframe | undefined): EventWindow {
  if (timeframe === undefined || "before" in timeframe) return null;
  if ("within" in timeframe)
    return { withinMs: timeframe.within.amount * timeframeUnitMs[timeframe.within.unit] };
  const from = "after" in timeframe ? timeframe.after : timeframe.between[0];
  const afterMs = parseInstant(from);
  return Number.isNaN(afterMs) ? null : { afterMs };
}

export function deriveSnapshotNeeds(definitions: readonly ScoreDefinition[]): SnapshotNeeds {
  const own = emptyNeeds();
  const associated: Partial<Record<"contacts" | "companies" | "deals", Needs>> = {};
  const of = (kind: "contacts" | "companies" | "deals") => {
    associated[kind] ??= emptyNeeds();
    return associated[kind];
  };
  for (const definition of definitions) {
    if (definition.records.mode === "lists") for (const id of definition.records.include) own.lists.add(id);
    for (const id of definition.records.exclude) own.lists.add(id);
    // Company and deal engagement reads the associated contacts' events (docs/scoring.md §Companies and deals).
    const eventHolder = definition.object === "contacts" ? own : of("contacts");
    for (const c of definition.association?.where ?? []) addCondition(of("contacts"), c);
    for (const group of definition.groups) {
      if (group.kind === "fit") {
        for (const rule of group.rules) {
          addCondition(rule.of === undefined || rule.of === "self" ? own : of(rule.of.association), rule);
        }
        continue;
      }
      for (const rule of group.rules) {
        const feed = feedOfEventType(rule.event);
        if (feed !== undefined) eventHolder.feeds.add(feed);
        // Event analytics types (docs/decisions.md §Web events mapping): read per contact, as far back as rules look.
        if (hubspotEventName(rule.event) !== undefined) {
          eventHolder.web.set(rule.event, [
            ...(eventHolder.web.get(rule.event) ?? []),
            windowOf(rule.timeframe),
          ]);
          continue;
        }
        const object = objectOfEventType.get(rule.event);
        if (object === undefined) continue;
        const properties = eventHolder.events.get(object) ?? new Set<string>();
        for (const c of rule.where ?? []) properties.add(c.property);
        eventHolder.events.set(object, properties);
      }
    }
  }
  const needs: SnapshotNeeds = { properties: [...own.properties].sort(), lists: [...own.lists].sort() };
  const ownEvents = toEventNeeds(own);
  if (ownEvents) needs.events = ownEvents;
  for (const kind of ["contacts", "companies", "deals"] as const) {
    const n = associated[kind];
    if (!n) continue;
    const entry: AssociatedNeeds = { properties: [...n.properties].sort(), lists: [...n.lists].sort() };
    const events = toEventNeeds(n);
    if (events) entry.events = events;
    needs.associations = { ...needs.associations, [kind]: entry };
  }
  return needs;
}

function addCondition(
  needs: Needs,
  c: { property: string; operator: string; values?: unknown[] | undefined },
): void {
  if (c.operator === "inList" || c.operator === "notInList") {
    for (const id of c.values ?? []) needs.lists.add(String(id));
  } else {
    needs.properties.add(c.property);
  }
}

function toEventNeeds(needs: Needs): EventNeeds | undefined {
  if (needs.events.size === 0 && needs.web.size === 0 && needs.feeds.size === 0) return undefined;
  const objects = [...needs.events.keys()].sort();
  const properties: EventNeeds["properties"] = {};
  for (const object of objects) properties[object] = [...(needs.events.get(object) ?? [])].sort();
  const events: EventNeeds = { objects, properties };
  if (needs.web.size > 0)
    events.web = Object.fromEntries([...needs.web].sort(([a], [b]) => a.localeCompare(b)));
  if (needs.feeds.size > 0) events.feeds = [...needs.feeds].sort();
  return events;
}
