import type { CrmClient } from "../../ports/crm-client.js";

// Lists by name for score scopes and list rules (docs/scoring.md §Scopes): the builder shows a
// list's name and size and saves its id, as the definition holds ids.

/** HubSpot's object type ids of the objects a score can be for (docs/hubspot.md §Webhook payloads). */
const objectTypeNames: Record<string, string> = { "0-1": "contacts", "0-2": "companies", "0-3": "deals" };

export type PickerList = {
  id: string;
  name: string;
  /** "contacts", "companies", "deals", or HubSpot's object type id for any other object. */
  objectType: string;
  size: number | null;
};

/** The portal's lists whose name contains `query` (all for ""), of one object when `objectType` is set, by name. */
export async function findPortalLists(
  deps: { crmFor: (portalId: number) => Pick<CrmClient, "searchLists"> },
  portalId: number,
  query: string,
  objectType?: string,
): Promise<PickerList[]> {
  const found = await deps.crmFor(portalId).searchLists(query);
  return found
    .map((list) => ({
      id: list.listId,
      name: list.name,
      objectType: objectTypeNames[list.objectTypeId] ?? list.objectTypeId,
      size: list.size,
    }))
    .filter((list) => objectType === undefined || list.objectType === objectType)
    .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id.localeCompare(b.id));
}
