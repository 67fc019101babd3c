import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// Lists API v3 (scope crm.lists.read): list metadata with sizes, the members of a list (pages of
// up to 250, [SDK] codegen/crm/lists/apis/MembershipsApi.ts), and the lists of one record
// (GET /crm/v3/lists/records/{objectTypeId}/{recordId}/memberships). HubSpot has no batch form
// of the last one; load-list-memberships.ts picks the cheaper of the two per call.

const MEMBERS_PAGE = 250;

type ListsPart = Pick<CrmClient, "readLists" | "readListMemberIds" | "readRecordListIds">;

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

    async readRecordListIds(objectTypeId, recordId) {
      const answer = await pacer.run("api", `record ${recordId} list memberships`, (signal) =>
        apis.memberships.getLists(objectTypeId, recordId, apis.callOptions(signal)),
      );
      return answer.results.map((membership) => String(membership.listId));
    },
  };
}
