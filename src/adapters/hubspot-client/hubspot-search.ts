import type { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/objects/models/Filter.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// CRM search calls of the port, paced in their own lane: HubSpot allows search 5 requests a second
// per portal, apart from the 10-second budget of the other APIs (docs/hubspot.md §Rate limits and batching).

const SEARCH_PAGE = 200;

type SearchPart = Pick<CrmClient, "searchModifiedSince" | "countRecords">;

export function createHubSpotSearch(apis: SdkApis, pacer: PortalPacer): SearchPart {
  return {
    async searchModifiedSince(objectType, sinceMs, after) {
      const answer = await pacer.run("search", `${objectType} search`, (signal) =>
        apis.objectsSearch.doSearch(
          objectType,
          {
            filterGroups: [
              {
                filters: [
                  {
                    propertyName: "hs_lastmodifieddate",
                    operator: "GTE" as FilterOperatorEnum,
                    value: String(sinceMs),
                  },
                ],
              },
            ],
            properties: ["hs_object_id"],
            limit: SEARCH_PAGE,
            ...(after ? { after } : {}),
          },
          apis.callOptions(signal),
        ),
      );
      return { ids: answer.results.map((record) => record.id), after: answer.paging?.next?.after ?? null };
    },

    async countRecords(objectType) {
      // No filter matches every record; `total` counts them all, past the 10,000 results search
      // pages through, so one result is enough to ask for.
      const answer = await pacer.run("search", `${objectType} count`, (signal) =>
        apis.objectsSearch.doSearch(
          objectType,
          { filterGroups: [], properties: ["hs_object_id"], limit: 1 },
          apis.callOptions(signal),
        ),
      );
      return answer.total;
    },
  };
}
