import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// Lists API v3 (scope crm.lists.read): list metadata with sizes, the members of a list (pages of
// up to 250, [SDK] codegen/crm/lists/apis/MembershipsApi.ts), and the lists of one record
// (GET /crm/v3/lists/records/{objectTypeId}/{recordId}/memberships). HubSpot has no batch form
// of the last one; load-list-memberships.ts picks the cheaper of the two per call.

const MEMBERS_PAGE = 250;
/** Lists per search page; HubSpot's example asks 100 (POST /crm/v3/lists/search). */
const SEARCH_PAGE = 100;

type ListsPart = Pick<CrmClient, "readLists" | "readListMemberIds" | "readRecordListIds" | "searchLists">;

/** hs_list_size is one of the additionalProperties the search answers by default, as a string. */
function sizeOf(additional: Record<string, string> | undefined): number | null {
  const size = Number(additional?.hs_list_size ?? Number.NaN);
  return Number.isFinite(size) ? size : null;
}

export function createHubSpotLists(apis: SdkApis, pacer: PortalPacer): ListsPart {
  return {
    async readLists(listIds) {
      if (listIds.length === 0) return [];
      const answer = await pacer.run("api", "lists read", (signal) =>
        apis.lists.getAll([...listIds], false, apis.callOptions(signal)),
      );
      return answer.lists.map((list) => ({
        listId: String(list.listId),
        objectTypeId: list.objectTypeId,
        size: typeof list.size === "number" ? list.size : null,
      }));
    },

    async readListMemberIds(listId) {
      const ids: string[] = [];
      let after: string | undefined;
      const cursors = createPagingCursors(pacer.portalId, `list ${listId} memberships`);
      do {
        const page = await pacer.run("api", `list ${listId} memberships`, (signal) =>
          apis.memberships.getPage(listId, after, undefined, MEMBERS_PAGE, apis.callOptions(signal)),
        );
        for (const member of page.results) ids.push(String(member.recordId));
        const next = page.paging?.next?.after;
        after = next ? cursors.next(`list ${listId}`, next) : undefined;
      } while (after);
      return ids;
    },

    async searchLists(query) {
      const lists: Awaited<ReturnType<ListsPart["searchLists"]>> = [];
      let offset = 0;
      for (;;) {
        const page = await pacer.run("api", "lists search", (signal) =>
          apis.lists.doSearch({ query, offset, count: SEARCH_PAGE }, apis.callOptions(signal)),
        );
        for (const list of page.lists)
          lists.push({
            listId: String(list.listId),
            name: list.name,
            objectTypeId: list.objectTypeId,
            size: sizeOf(list.additionalProperties),
          });
        // An offset that does not move on would page forever: stop there as on the last page.
        if (!page.hasMore || page.offset <= offset) return lists;
        offset = page.offset;
      }
    },

    async readRecordListIds(objectTypeId, recordId) {
      const answer = await pacer.run("api", `record ${recordId} list memberships`, (signal) =>
        apis.memberships.getLists(objectTypeId, recordId, apis.callOptions(signal)),
      );
      return answer.results.map((membership) => String(membership.listId));
    },
  };
}
