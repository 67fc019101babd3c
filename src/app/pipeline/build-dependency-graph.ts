import type { CrmObjectType } from "../../ports/crm-client.js";
import { type ObjectType, type ScoreDefinition, scorePropertyNames } from "../../scoring/index.js";
import { baseEngagementProperties, type EngagementObject } from "../build-engagement-event.js";
import { deriveSnapshotNeeds } from "../derive-snapshot-needs.js";
import type { EventNeeds } from "../snapshot-needs.js";

// Which changes can move which scores (docs/decisions.md §Fan-out), built from the
// same needs the snapshot loader reads (derive-snapshot-needs.ts), so the two never disagree.
//
// An edge says: a change to one of `properties` of a `source` record moves the scores of the records
// reached from it by following `hops` (associations, read through the door). `hops: []` is the record
// itself. Reverse edges (docs/scoring.md §Property operators `of`, §Companies and deals):
//   company/deal property → [contacts]   (a contact fit rule reads it through `of`)
//   meeting/call/... → [contacts]         (a contact's own events)
//   meeting/call/... → [contacts, companies|deals]   (company/deal engagement aggregates contacts' events)
//   contact property → [companies|deals] (`of: contacts`, or the score's association.where)

export type Edge = { source: CrmObjectType; hops: ObjectType[]; properties: ReadonlySet<string> };
/** A list read by a score: membership changes of `source` records reach records by `hops`. */
export type ListEdge = { listId: string; source: ObjectType; hops: ObjectType[] };

export type DependencyGraph = {
  /** Objects with at least one enabled score. */
  scored: ReadonlySet<ObjectType>;
  /** Score properties this app writes, per object: changes to them are our own (no rescoring loops). */
  written: ReadonlyMap<string, ReadonlySet<string>>;
  edges: readonly Edge[];
  lists: readonly ListEdge[];
  /** Every object some edge starts from (the poller searches these). */
  sources: ReadonlySet<CrmObjectType>;
};

const eventEdges = (events: EventNeeds | undefined, hops: ObjectType[]): Edge[] =>
  (events?.objects ?? []).map((object: EngagementObject) => ({
    source: object,
    hops,
    properties: new Set([...baseEngagementProperties[object], ...(events?.properties?.[object] ?? [])]),
  }));

/**
 * Event analytics sends no webhook; a contact's page-view roll-up changes with each visit (docs/hubspot.md
 * §Contact roll-up properties) and is subscribed (webhooks/webhooks.json), so it stands for "new web events" of that contact.
 */
const WEB_ACTIVITY_ROLLUPS = ["hs_analytics_num_page_views", "hs_analytics_last_timestamp"];
const webEdges = (events: EventNeeds | undefined, hops: ObjectType[]): Edge[] =>
  events?.web ? [{ source: "contacts", hops, properties: new Set(WEB_ACTIVITY_ROLLUPS) }] : [];

/** The graph of a portal's enabled scores; pure. */
export function buildDependencyGraph(definitions: readonly ScoreDefinition[]): DependencyGraph {
  const enabled = definitions.filter((d) => d.status === "enabled");
  const scored = new Set(enabled.map((d) => d.object));
  const written = new Map<string, Set<string>>();
  const edges: Edge[] = [];
  const lists: ListEdge[] = [];
  for (const d of enabled) {
    const own = written.get(d.object) ?? new Set<string>();
    for (const name of scorePropertyNames(d.property.name, d.type)) own.add(name);
    written.set(d.object, own);
  }
  for (const object of scored) {
    const needs = deriveSnapshotNeeds(enabled.filter((d) => d.object === object));
    edges.push({ source: object, hops: [], properties: new Set(needs.properties) });
    edges.push(...eventEdges(needs.events, [object]), ...webEdges(needs.events, []));
    for (const listId of needs.lists ?? []) lists.push({ listId, source: object, hops: [] });
    for (const kind of ["contacts", "companies", "deals"] as const) {
      const associated = needs.associations?.[kind];
      if (!associated) continue;
      edges.push({ source: kind, hops: [object], properties: new Set(associated.properties) });
      // Contacts' events count for company and deal engagement: engagement → contacts → object.
      edges.push(...eventEdges(associated.events, [kind, object]), ...webEdges(associated.events, [object]));
      for (const listId of associated.lists ?? []) lists.push({ listId, source: kind, hops: [object] });
    }
  }
  return { scored, written, edges, lists, sources: new Set(edges.map((e) => e.source)) };
}
