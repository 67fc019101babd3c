import type { FilterGroup } from "@hubspot/api-client/lib/codegen/crm/objects/models/FilterGroup.js";
import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import {
  type CrmAssociation,
  type CrmClient,
  type CrmObjectType,
  type CrmRecord,
  type CrmRecordUpdate,
  foundRecordProperties,
} from "../../ports/crm-client.js";
import { buildFullNameFilterGroups } from "./build-full-name-filter-groups.js";
import { chunk } from "./chunk.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// Record-level calls of the port: objects batch read/update (100 per call) and associations v4
// batch read (1,000 ids per call, labels included, pages followed). docs/hubspot.md §Rate limits and batching, §SDK retries and pacing. And
// findRecords: a person looking one record up by email or name ("Test a record",
// docs/decisions.md §Test a record search).

const OBJECT_BATCH = 100;
const ASSOCIATION_BATCH = 1_000;
const LIST_PAGE = 100;
const FIND_LIMIT = 10;

type RecordsPart = Pick<
  CrmClient,
  "readRecords" | "readAssociations" | "updateRecords" | "listRecordIds" | "findRecords"
>;

export function createHubSpotRecords(apis: SdkApis, pacer: PortalPacer): RecordsPart {
  async function readAssociationPage(
    from: CrmObjectType,
    to: CrmObjectType,
    inputs: { id: string; after?: string }[],
    found: Map<string, CrmAssociation[]>,
  ): Promise<{ id: string; after: string }[]> {
    const answer = await pacer.run("api", `associations ${from}->${to} batch read`, (signal) =>
      apis.associationsBatch.getPage(from, to, { inputs }, apis.callOptions(signal)),
    );
    const nextPages: { id: string; after: string }[] = [];
    for (const result of answer.results) {
      const fromId = String(result._from.id);
      const list = found.get(fromId) ?? [];
      for (const target of result.to) {
        // Labels come with the association types; an unlabeled type has no label (docs/hubspot.md §Rate limits and batching).
        const labels = target.associationTypes.flatMap((type) => (type.label ? [type.label] : []));
        const id = String(target.toObjectId);
        const existing = list.find((association) => association.id === id);
        if (existing) existing.labels = [...new Set([...existing.labels, ...labels])];
        else list.push({ id, labels: [...new Set(labels)] });
      }
      found.set(fromId, list);
      const after = result.paging?.next?.after;
      if (after) nextPages.push({ id: fromId, after });
    }
    // Ids without associations come back as errors ("no associations found"), not results:
    // they stay at their empty list.
    return nextPages;
  }

  return {
    async readRecords(objectType, ids, properties) {
      const records = [];
      for (const run of chunk([...new Set(ids)], OBJECT_BATCH)) {
        const answer = await pacer.run("api", `${objectType} batch read`, (signal) =>
          apis.objectsBatch.read(
            objectType,
            { inputs: run.map((id) => ({ id })), properties: [...properties], propertiesWithHistory: [] },
            undefined,
            apis.callOptions(signal),
          ),
        );
        for (const record of answer.results)
          records.push({ id: record.id, properties: { ...record.properties } });
      }
      return records;
    },

    async readAssociations(from, to, ids) {
      const found = new Map<string, CrmAssociation[]>();
      const unique = [...new Set(ids)];
      for (const id of unique) found.set(id, []);
      let pending: { id: string; after?: string }[] = unique.map((id) => ({ id }));
      const cursors = createPagingCursors(pacer.portalId, `associations ${from}->${to} batch read`);
      while (pending.length > 0) {
        const next: { id: string; after: string }[] = [];
        for (const run of chunk(pending, ASSOCIATION_BATCH))
          for (const page of await readAssociationPage(from, to, run, found))
            next.push({ id: page.id, after: cursors.next(`record ${page.id}`, page.after) });
        pending = next;
      }
      return found;
    },

    async updateRecords(objectType, updates: readonly CrmRecordUpdate[]) {
      for (const run of chunk(updates, OBJECT_BATCH)) {
        await pacer.run("api", `${objectType} batch update`, (signal) =>
          apis.objectsBatch.update(
            objectType,
            { inputs: run.map((u) => ({ id: u.id, properties: { ...u.properties } })) },
            apis.callOptions(signal),
          ),
        );
      }
    },

    async listRecordIds(objectType, after) {
      const answer = await pacer.run("api", `${objectType} list page`, (signal) =>
        apis.objectsBasic.getPage(
          objectType,
          LIST_PAGE,
          after ?? undefined,
          ["hs_object_id"],
          undefined,
          undefined,
          false,
          apis.callOptions(signal),
        ),
      );
      return { ids: answer.results.map((record) => record.id), after: answer.paging?.next?.after ?? null };
    },

    async findRecords(objectType, query) {
      // `query` without filterGroups searches the object's default searchable properties (HubSpot's
      // CRM search guide); it is a search call, so it waits in the search lane (5/s, docs/hubspot.md §Rate limits and batching).
      // A contact's full name is in no one property: a second search asks for it with filter groups.
      const properties = [...foundRecordProperties[objectType]];
      const nameGroups = objectType === "contacts" ? buildFullNameFilterGroups(query) : [];
      const [byQuery, byName] = await Promise.all([
        pacer.run("search", `${objectType} find`, (signal) =>
          apis.objectsSearch.doSearch(
            objectType,
            { query, properties, limit: FIND_LIMIT },
            apis.callOptions(signal),
          ),
        ),
        nameGroups.length === 0
          ? undefined
          : pacer.run("search", `${objectType} find by name`, (signal) =>
              apis.objectsSearch.doSearch(
                objectType,
                { filterGroups: nameGroups as FilterGroup[], properties, limit: FIND_LIMIT },
                apis.callOptions(signal),
              ),
            ),
      ]);
      const found = new Map<string, CrmRecord>();
      for (const record of [...(byName?.results ?? []), ...byQuery.results])
        if (!found.has(record.id))
          found.set(record.id, { id: record.id, properties: { ...record.properties } });
      return [...found.values()].slice(0, FIND_LIMIT);
    },
  };
}
