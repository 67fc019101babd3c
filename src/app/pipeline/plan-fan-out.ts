import { crmObjectTypes } from "../../hubspot/crm-object-types.js";
import type { WebhookEvent } from "../../hubspot/webhook-event.js";
import type { CrmObjectType } from "../../ports/crm-client.js";
import type { ObjectType } from "../../scoring/index.js";
import type { DependencyGraph, Edge } from "./build-dependency-graph.js";

// What one webhook event asks of the worker (docs/decisions.md §Fan-out), decided from the dependency graph
// alone: which records to rescore (through which associations), and what to forget or move.

/** Rescore the records reached from `object` `id` by following `hops` ([] = that record). */
export type Reach = { object: CrmObjectType; id: string; hops: ObjectType[] };
export type RecordAction =
  | { kind: "forget"; object: ObjectType; id: string }
  | { kind: "erase"; object: "contacts"; id: string }
  | { kind: "move"; object: ObjectType; from: string; to: string };
export type FanOutPlan = { reaches: Reach[]; actions: RecordAction[]; dropped?: string };

const CRM_OBJECTS = new Set<string>(crmObjectTypes);
const SCORABLE = new Set<string>(["contacts", "companies", "deals"]);
const isCrmObject = (o: string | null): o is CrmObjectType => o !== null && CRM_OBJECTS.has(o);
const isScorable = (o: string): o is ObjectType => SCORABLE.has(o);

const reachesOf = (edges: readonly Edge[], object: CrmObjectType, id: string): Reach[] =>
  edges.map((e) => ({ object, id, hops: e.hops }));
const drop = (reason: string): FanOutPlan => ({ reaches: [], actions: [], dropped: reason });

function associationReaches(graph: DependencyGraph, event: WebhookEvent): Reach[] {
  const a = event.association;
  if (
    !a ||
    !isCrmObject(a.fromObjectType) ||
    !isCrmObject(a.toObjectType) ||
    !a.fromObjectId ||
    !a.toObjectId
  )
    return [];
  const sides: [CrmObjectType, string, CrmObjectType][] = [
    [a.fromObjectType, a.fromObjectId, a.toObjectType],
    [a.toObjectType, a.toObjectId, a.fromObjectType],
  ];
  // Every edge out of the other side whose first hop lands on this side now has one more (or one
  // fewer) path: continue it from this side. Added and removed alike (docs/scoring.md: scores are
  // recomputed from current data, so the direction of the change does not matter).
  return sides.flatMap(([object, id, other]) =>
    graph.edges
      .filter((e) => e.source === other && e.hops[0] === object)
      .map((e) => ({ object, id, hops: e.hops.slice(1) })),
  );
}

/** Pure: one event and the portal's graph → the plan. */
export function planFanOut(graph: DependencyGraph, event: WebhookEvent): FanOutPlan {
  if (graph.scored.size === 0) return drop("no enabled score");
  if (event.change === "associationChange") {
    const reaches = associationReaches(graph, event);
    return reaches.length > 0 ? { reaches, actions: [] } : drop("no score reads this association");
  }
  const object = event.objectType;
  if (!isCrmObject(object)) return drop(`no score reads ${object}`);
  const id = event.objectId;
  const from = graph.edges.filter((e) => e.source === object);
  switch (event.change) {
    case "propertyChange": {
      const name = event.propertyName ?? "";
      // Properties this app writes: acknowledged and dropped (docs/decisions.md §Own writes are dropped: no
      // rescoring loops).
      if (graph.written.get(object)?.has(name)) return drop("a score property this app writes");
      const edges = from.filter((e) => e.properties.has(name));
      return edges.length > 0
        ? { reaches: reachesOf(edges, object, id), actions: [] }
        : drop("no score reads it");
    }
    case "creation":
    case "restore":
      return from.length > 0
        ? { reaches: reachesOf(from, object, id), actions: [] }
        : drop("no score reads it");
    case "deletion":
    case "privacyDeletion": {
      const actions: RecordAction[] = [];
      if (event.change === "privacyDeletion" && object === "contacts")
        actions.push({ kind: "erase", object, id });
      else if (isScorable(object)) actions.push({ kind: "forget", object, id });
      // The record is gone; its associations usually go with it, so what follows is a best effort
      // (associationChange events and the daily sweep cover the rest).
      const reaches = reachesOf(
        from.filter((e) => e.hops.length > 0),
        object,
        id,
      );
      return { reaches, actions };
    }
    case "merge": {
      const m = event.merge;
      const survivor = m?.newObjectId ?? m?.primaryObjectId ?? id;
      const merged = [...new Set([id, ...(m?.mergedObjectIds ?? []), m?.primaryObjectId ?? id])].filter(
        (x) => x !== survivor,
      );
      const actions: RecordAction[] = isScorable(object)
        ? merged.map((x) => ({ kind: "move", object, from: x, to: survivor }))
        : [];
      const reaches = reachesOf(from, object, survivor);
      return reaches.length > 0 || actions.length > 0 ? { reaches, actions } : drop("no score reads it");
    }
    default:
      return drop(`${event.subscriptionType} does not affect scores`);
  }
}
