import type { CrmClient } from "../ports/crm-client.js";
import type { FeedEvent } from "../ports/feed-event-store.js";
import type { ObjectType, SnapshotInput } from "../scoring/snapshot-schema.js";
import { feedOfEventType } from "./feeds/feed-event-types.js";
import { loadEngagementEvents } from "./load-engagement-events.js";
import { loadListMemberships } from "./load-list-memberships.js";
import type { AssociatedNeeds, EventNeeds, SnapshotNeeds, SnapshotWarning } from "./snapshot-needs.js";
import type { SourceContext } from "./sources/source-context.js";

// docs/scoring.md "Record snapshot": the record's properties, list memberships, events, and its
// associated companies, deals and contacts (with labels, properties, and for contacts their
// events). Every source is read in batches for all records at once (docs/hubspot.md §Rate limits and batching). Contacts'
// marketing email events and form submissions come from the feed event store, not HubSpot: the
// pollers keep them (docs/decisions.md §Portal-wide feeds), so they cost no call here.

/** The stored feed events of contacts (FeedEventStore.events for one portal). */
export type FeedEventReader = (contactIds: readonly string[]) => Promise<Map<string, FeedEvent[]>>;
type SnapshotEvent = NonNullable<SnapshotInput["events"]>[number];

async function loadFeedEvents(
  readFeedEvents: FeedEventReader | undefined,
  ids: readonly string[],
  needs: EventNeeds | undefined,
  warnings: SnapshotWarning[],
): Promise<Map<string, SnapshotEvent[]>> {
  const feeds = new Set(needs?.feeds ?? []);
  if (feeds.size === 0 || ids.length === 0) return new Map();
  if (!readFeedEvents) {
    warnings.push({
      source: [...feeds].join(","),
      code: "unavailable",
      message: "marketing email events and form submissions are kept by the app's pollers, not read here",
    });
    return new Map();
  }
  const stored = await readFeedEvents(ids);
  const byRecord = new Map<string, SnapshotEvent[]>();
  for (const [id, events] of stored) {
    const wanted = events.filter((e) => {
      const feed = feedOfEventType(e.type);
      return feed !== undefined && feeds.has(feed);
    });
    byRecord.set(
      id,
      wanted.map((e) => ({ type: e.type, occurredAt: e.occurredAt, properties: e.properties })),
    );
  }
  return byRecord;
}

/** Engagement events and feed events of one record, oldest first. */
function mergeEvents(a: readonly SnapshotEvent[], b: readonly SnapshotEvent[]): SnapshotEvent[] {
  if (b.length === 0) return [...a];
  const at = (e: SnapshotEvent) =>
    typeof e.occurredAt === "number" ? e.occurredAt : Date.parse(e.occurredAt);
  return [...a, ...b].sort((x, y) => at(x) - at(y));
}

/** Whether engagement objects or event analytics types are to be read (feeds alone cost no call). */
function readsEngagementsOrWeb(needs: EventNeeds | undefined): needs is EventNeeds {
  return needs !== undefined && ((needs.objects?.length ?? 1) > 0 || needs.web !== undefined);
}

type AssociationKind = "contacts" | "companies" | "deals";
type AssociatedRecord = NonNullable<NonNullable<SnapshotInput["associations"]>["contacts"]>[number];

export interface LoadedSnapshots {
  /** In the order of the asked ids; ids HubSpot does not know are left out. */
  snapshots: SnapshotInput[];
  warnings: SnapshotWarning[];
}

async function loadAssociated(
  crm: CrmClient,
  object: ObjectType,
  ids: readonly string[],
  kind: AssociationKind,
  needs: AssociatedNeeds,
  warnings: SnapshotWarning[],
  readFeedEvents: FeedEventReader | undefined,
  context: SourceContext | undefined,
): Promise<Map<string, AssociatedRecord[]>> {
  const links = await crm.readAssociations(object, kind, ids);
  const targetIds = [...new Set([...links.values()].flat().map((link) => link.id))];
  const contactEvents = kind === "contacts" ? needs.events : undefined;
  const [records, lists, events, feedEvents] = await Promise.all([
    crm.readRecords(kind, targetIds, needs.properties),
    loadListMemberships(crm, kind, targetIds, needs.lists ?? []),
    readsEngagementsOrWeb(contactEvents)
      ? loadEngagementEvents(crm, "contacts", targetIds, contactEvents, context)
      : undefined,
    loadFeedEvents(readFeedEvents, targetIds, contactEvents, warnings),
  ]);
  warnings.push(...lists.warnings, ...(events?.warnings ?? []));
  const byId = new Map(records.map((record) => [record.id, record]));
  const result = new Map<string, AssociatedRecord[]>();
  for (const [recordId, linked] of links) {
    result.set(
      recordId,
      linked.flatMap((link) => {
        const target = byId.get(link.id);
        if (!target) return [];
        return [
          {
            id: link.id,
            labels: link.labels,
            properties: target.properties,
            lists: lists.byRecord.get(link.id) ?? [],
            events: mergeEvents(events?.byRecord.get(link.id) ?? [], feedEvents.get(link.id) ?? []),
          },
        ];
      }),
    );
  }
  return result;
}

export async function loadSnapshots(
  crm: CrmClient,
  object: ObjectType,
  ids: readonly string[],
  needs: SnapshotNeeds,
  readFeedEvents?: FeedEventReader,
  /** Where each event source's outcome is reported (the app); absent for the CLI's export. */
  context?: SourceContext,
): Promise<LoadedSnapshots> {
  const warnings: SnapshotWarning[] = [];
  const position = new Map(ids.map((id, index) => [id, index]));
  const records = (await crm.readRecords(object, ids, needs.properties)).sort(
    (a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0),
  );
  const found = records.map((record) => record.id);
  const kinds = (["contacts", "companies", "deals"] as const).filter((kind) => needs.associations?.[kind]);
  const ownEvents = needs.events;
  const [lists, events, feedEvents, ...associated] = await Promise.all([
    loadListMemberships(crm, object, found, needs.lists ?? []),
    readsEngagementsOrWeb(ownEvents)
      ? loadEngagementEvents(crm, object, found, ownEvents, context)
      : undefined,
    loadFeedEvents(readFeedEvents, object === "contacts" ? found : [], ownEvents, warnings),
    ...kinds.map((kind) =>
      loadAssociated(
        crm,
        object,
        found,
        kind,
        needs.associations?.[kind] as AssociatedNeeds,
        warnings,
        readFeedEvents,
        context,
      ),
    ),
  ]);
  warnings.push(...lists.warnings, ...(events?.warnings ?? []));
  const snapshots = records.map((record): SnapshotInput => {
    const associations: NonNullable<SnapshotInput["associations"]> = {};
    kinds.forEach((kind, index) => {
      associations[kind] = associated[index]?.get(record.id) ?? [];
    });
    return {
      id: record.id,
      object,
      properties: record.properties,
      lists: lists.byRecord.get(record.id) ?? [],
      events: mergeEvents(events?.byRecord.get(record.id) ?? [], feedEvents.get(record.id) ?? []),
      associations,
    };
  });
  return { snapshots, warnings };
}
