import type { CrmClient } from "../ports/crm-client.js";
import type { ObjectType, SnapshotInput } from "../scoring/snapshot-schema.js";
import { loadEngagementEvents } from "./load-engagement-events.js";
import { loadListMemberships } from "./load-list-memberships.js";
import type { AssociatedNeeds, SnapshotNeeds, SnapshotWarning } from "./snapshot-needs.js";
import type { SourceContext } from "./sources/source-context.js";

// docs/scoring.md "Record snapshot": the record's properties, list memberships, events, and its
// associated companies, deals and contacts (with labels, properties, and for contacts their
// events). Every source is read in batches for all records at once (docs/hubspot.md §Rate limits and batching).

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
  context: SourceContext | undefined,
): Promise<Map<string, AssociatedRecord[]>> {
  const links = await crm.readAssociations(object, kind, ids);
  const targetIds = [...new Set([...links.values()].flat().map((link) => link.id))];
  const [records, lists, events] = await Promise.all([
    crm.readRecords(kind, targetIds, needs.properties),
    loadListMemberships(crm, kind, targetIds, needs.lists ?? []),
    kind === "contacts" && needs.events
      ? loadEngagementEvents(crm, "contacts", targetIds, needs.events, context)
      : undefined,
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
            events: events?.byRecord.get(link.id) ?? [],
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
  const [lists, events, ...associated] = await Promise.all([
    loadListMemberships(crm, object, found, needs.lists ?? []),
    needs.events ? loadEngagementEvents(crm, object, found, needs.events, context) : undefined,
    ...kinds.map((kind) =>
      loadAssociated(
        crm,
        object,
        found,
        kind,
        needs.associations?.[kind] as AssociatedNeeds,
        warnings,
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
      events: events?.byRecord.get(record.id) ?? [],
      associations,
    };
  });
  return { snapshots, warnings };
}
