import type { CrmClient } from "../ports/crm-client.js";
import type { SnapshotWarning } from "./snapshot-needs.js";

// Lists API v3 offers two reads (docs/hubspot.md §Rate limits and batching counts both against the portal's rate):
// the members of a list, 250 a page, or the lists of one record, one call per record. We ask
// HubSpot for the lists' sizes (one call) and take whichever costs fewer calls for this batch:
// a webhook for one record reads its memberships; a rescore of thousands pages the lists.

const MEMBERS_PAGE = 250;

export const objectTypeIds = { contacts: "0-1", companies: "0-2", deals: "0-3" } as const;
export type ListedObject = keyof typeof objectTypeIds;

export interface LoadedMemberships {
  byRecord: Map<string, string[]>;
  warnings: SnapshotWarning[];
}

export async function loadListMemberships(
  crm: CrmClient,
  object: ListedObject,
  ids: readonly string[],
  listIds: readonly string[],
): Promise<LoadedMemberships> {
  const byRecord = new Map<string, string[]>(ids.map((id) => [id, []]));
  const wanted = [...new Set(listIds)];
  if (wanted.length === 0 || ids.length === 0) return { byRecord, warnings: [] };
  const lists = await crm.readLists(wanted);
  const found = new Set(lists.map((list) => list.listId));
  const warnings = wanted
    .filter((listId) => !found.has(listId))
    .map((listId) => ({
      source: `list ${listId}`,
      code: "not_found",
      message: `list ${listId} does not exist: no record is in it`,
    }));
  const pagesPerList = lists.map((list) =>
    list.size === null ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(list.size / MEMBERS_PAGE)),
  );
  const listCost = pagesPerList.reduce((sum, pages) => sum + pages, 0);
  if (listCost <= ids.length) {
    for (const list of lists) {
      for (const member of await crm.readListMemberIds(list.listId)) byRecord.get(member)?.push(list.listId);
    }
  } else {
    await Promise.all(
      [...byRecord.keys()].map(async (id) => {
        const memberships = new Set(await crm.readRecordListIds(objectTypeIds[object], id));
        byRecord.set(
          id,
          wanted.filter((listId) => found.has(listId) && memberships.has(listId)),
        );
      }),
    );
  }
  return { byRecord, warnings };
}
