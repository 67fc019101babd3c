import nock from "nock";
import type { CrmObjectType } from "../../../src/ports/crm-client.js";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildErrorBody, buildRecord } from "../../fixtures/hubspot/crm-payloads.js";
import {
  buildListsById,
  buildMembersPage,
  buildRecordMemberships,
} from "../../fixtures/hubspot/list-payloads.js";
import { buildProperty, buildPropertyBatch } from "../../fixtures/hubspot/property-payloads.js";
import {
  type CompletedCallback,
  type ContactKey,
  meetingProperties,
  tinyWorld,
  type WorldIds,
} from "./tiny-world.js";

// The tiny world as HubSpot answers it (HUBSPOT.md §5–6, payload builders in test/fixtures/hubspot),
// scripted with nock over a small in-memory state so that writes are seen by later reads. Ids are
// the kind HubSpot gives: numeric strings, in creation order.

type Properties = Record<string, string | null>;
type AssociationType = { category: "HUBSPOT_DEFINED" | "USER_DEFINED"; typeId: number; label?: string };
type Property = ReturnType<typeof buildProperty>;

/** HubSpot-defined association type ids (unlabeled, Primary) per direction, as HubSpot documents them. */
const definedTypes: Record<string, { unlabeled: number; primary?: number }> = {
  "contacts>companies": { unlabeled: 279, primary: 1 },
  "companies>contacts": { unlabeled: 280, primary: 2 },
  "meetings>contacts": { unlabeled: 200 },
  "contacts>meetings": { unlabeled: 199 },
  "meetings>companies": { unlabeled: 188 },
  "companies>meetings": { unlabeled: 187 },
};
const DECISION_MAKER_TYPE_ID = 1_001;

const at = (n: number) => String(n);
const batchTimes = { startedAt: "2026-11-02T09:00:00.000Z", completedAt: "2026-11-02T09:00:00.000Z" };

export function mockTinyWorld() {
  const records = new Map<string, Map<string, Properties>>();
  const known = new Map<string, Set<string>>();
  const put = (type: CrmObjectType, id: string, properties: Properties) => {
    if (!records.has(type)) records.set(type, new Map());
    records.get(type)?.set(id, { ...properties });
    const names = known.get(type) ?? new Set<string>();
    for (const name of Object.keys(properties)) names.add(name);
    known.set(type, names);
  };
  const links: { from: string; fromId: string; to: string; toId: string; types: AssociationType[] }[] = [];
  const associate = (from: string, fromId: string, to: string, toId: string, label?: string) => {
    for (const [a, aId, b, bId] of [
      [from, fromId, to, toId],
      [to, toId, from, fromId],
    ] as const) {
      const defined = definedTypes[`${a}>${b}`];
      if (!defined) throw new Error(`no association types for ${a}>${b}`);
      const types: AssociationType[] = [{ category: "HUBSPOT_DEFINED", typeId: defined.unlabeled }];
      if (label === "Primary" && defined.primary)
        types.push({ category: "HUBSPOT_DEFINED", typeId: defined.primary, label });
      else if (label) types.push({ category: "USER_DEFINED", typeId: DECISION_MAKER_TYPE_ID, label });
      links.push({ from: a, fromId: aId, to: b, toId: bId, types });
    }
  };

  const contacts = {} as Record<ContactKey, string>;
  Object.entries(tinyWorld.contacts).forEach(([key, properties], i) => {
    contacts[key as ContactKey] = at(51 + i);
    put("contacts", at(51 + i), properties);
  });
  const company = "9001";
  put("companies", company, tinyWorld.company);
  for (const link of tinyWorld.companyLinks)
    associate("contacts", contacts[link.contact], "companies", company, link.label);
  const meetings = tinyWorld.meetings.map((meeting, i) => {
    const id = at(7001 + i);
    put("meetings", id, meetingProperties(meeting));
    associate("meetings", id, "contacts", contacts[meeting.contact]);
    // HubSpot associates a logged activity with the contact's primary company too.
    const primary = tinyWorld.companyLinks.find(
      (l) => l.contact === meeting.contact && l.label === "Primary",
    );
    if (primary) associate("meetings", id, "companies", company);
    return id;
  });
  const deals = Array.from({ length: tinyWorld.dealCount }, (_, i) => {
    put("deals", at(3001 + i), { dealname: `Deal ${i + 1}` });
    return at(3001 + i);
  });
  const listId = "12";
  const listMembers = tinyWorld.list.members.map((key) => contacts[key]);
  const groups = new Map<string, Set<string>>([["contacts", new Set([tinyWorld.propertyGroup.name])]]);
  const properties = new Map<string, Map<string, Property>>();
  const callbacks: CompletedCallback[] = [];
  const ids: WorldIds = { contacts, company, meetings, deals, listId };

  const sorted = (type: string) =>
    [...(records.get(type)?.keys() ?? [])].sort((a, b) => Number(a) - Number(b));
  const wireRecord = (type: string, id: string, asked: readonly string[]) => {
    const stored = records.get(type)?.get(id) ?? {};
    const names = known.get(type) ?? new Set();
    return buildRecord(
      id,
      Object.fromEntries(asked.filter((n) => names.has(n)).map((n) => [n, stored[n] ?? null])),
    );
  };
  const propertiesOf = (type: string) => {
    const found = properties.get(type) ?? new Map<string, Property>();
    properties.set(type, found);
    return found;
  };

  nock(HUBSPOT)
    .persist()
    // Objects v3 batch read: ids HubSpot does not know are one 207 error (HUBSPOT.md §5.1).
    .post(/^\/crm\/v3\/objects\/\w+\/batch\/read$/)
    .reply((uri, body) => {
      const type = uri.split("/")[4] ?? "";
      const { inputs, properties: asked = [] } = body as { inputs: { id: string }[]; properties?: string[] };
      const found = inputs.filter((i) => records.get(type)?.has(i.id));
      const missing = inputs.filter((i) => !records.get(type)?.has(i.id)).map((i) => i.id);
      const answer = buildBatchRead(found.map((i) => wireRecord(type, i.id, asked)));
      if (missing.length === 0) return [200, answer];
      const error = {
        status: "error",
        category: "OBJECT_NOT_FOUND",
        message: "Could not get some objects, they may be deleted or not exist. Check that ids are valid.",
        context: { ids: missing },
        links: {},
        errors: [],
      };
      return [207, { ...answer, numErrors: 1, errors: [error] }];
    })
    // Objects v3 batch update: one 400 for the whole batch when a property does not exist.
    .post(/^\/crm\/v3\/objects\/\w+\/batch\/update$/)
    .reply((uri, body) => {
      const type = uri.split("/")[4] ?? "";
      const { inputs } = body as { inputs: { id: string; properties: Record<string, string> }[] };
      const unknown = inputs
        .flatMap((i) => Object.keys(i.properties))
        .filter((n) => !known.get(type)?.has(n));
      if (unknown.length > 0)
        return [
          400,
          buildErrorBody(
            400,
            `Property values were not valid: ${JSON.stringify(
              unknown.map((name) => ({
                isValid: false,
                message: `Property "${name}" does not exist`,
                error: "PROPERTY_DOESNT_EXIST",
                name,
              })),
            )}`,
          ),
        ];
      for (const input of inputs)
        records.get(type)?.set(input.id, { ...records.get(type)?.get(input.id), ...input.properties });
      return [200, buildBatchRead(inputs.map((i) => wireRecord(type, i.id, Object.keys(i.properties))))];
    })
    // Objects v3 list page: `after` is an opaque cursor; HubSpot gives the id to start from.
    .get(/^\/crm\/v3\/objects\/\w+(\?.*)?$/)
    .reply((uri) => {
      const url = new URL(uri, HUBSPOT);
      const type = url.pathname.split("/")[4] ?? "";
      const limit = Number(url.searchParams.get("limit") ?? 10);
      const after = Number(url.searchParams.get("after") ?? 0);
      const page = sorted(type).filter((id) => Number(id) >= after);
      const results = page.slice(0, limit).map((id) => wireRecord(type, id, ["hs_object_id"]));
      const next = page[limit];
      return [
        200,
        {
          results,
          ...(next
            ? { paging: { next: { after: next, link: `${HUBSPOT}${url.pathname}?after=${next}` } } }
            : {}),
        },
      ];
    })
    // CRM search without filters (countRecords): `total` counts every record.
    .post(/^\/crm\/v3\/objects\/\w+\/search$/)
    .reply((uri, body) => {
      const type = uri.split("/")[4] ?? "";
      const { limit = 10 } = body as { limit?: number };
      const all = sorted(type);
      return [
        200,
        {
          total: all.length,
          results: all.slice(0, limit).map((id) => wireRecord(type, id, ["hs_object_id"])),
          ...(all.length > limit ? { paging: { next: { after: String(limit) } } } : {}),
        },
      ];
    })
    // Associations v4 batch read; ids without associations are 207 errors, not results.
    .post(/^\/crm\/v4\/associations\/\w+\/\w+\/batch\/read$/)
    .reply((uri, body) => {
      const [, , , , from = "", to = ""] = uri.split("/");
      const { inputs } = body as { inputs: { id: string }[] };
      const results = [];
      const without: string[] = [];
      for (const input of inputs) {
        const targets = links.filter((l) => l.from === from && l.fromId === input.id && l.to === to);
        if (targets.length === 0) without.push(input.id);
        else
          results.push({
            from: { id: input.id },
            // HubSpot sends toObjectId as a number.
            to: targets.map((l) => ({ toObjectId: Number(l.toId), associationTypes: l.types })),
          });
      }
      const answer = { status: "COMPLETE", results, ...batchTimes };
      if (without.length === 0) return [200, answer];
      const errors = without.map((id) => ({
        status: "error",
        category: "OBJECT_NOT_FOUND",
        subCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
        message: `No ${to} is associated with ${id}`,
        context: { fromObjectId: [id] },
        links: {},
        errors: [],
      }));
      return [207, { ...answer, numErrors: errors.length, errors }];
    })
    // Lists v3.
    .get(/^\/crm\/v3\/lists\/?\?/)
    .reply((uri) => {
      const asked = new URL(uri, HUBSPOT).searchParams.getAll("listIds");
      return [200, buildListsById(asked.includes(listId) ? [{ listId, size: listMembers.length }] : [])];
    })
    .get(/^\/crm\/v3\/lists\/records\/0-1\/\d+\/memberships$/)
    .reply((uri) => {
      const recordId = uri.split("/")[6] ?? "";
      return [200, buildRecordMemberships(listMembers.includes(recordId) ? [listId] : [])];
    })
    .get(new RegExp(`^/crm/v3/lists/${listId}/memberships(\\?.*)?$`))
    .reply(200, () => buildMembersPage(listMembers))
    // Property groups: 409 for a name the object has already.
    .post(/^\/crm\/v3\/properties\/\w+\/groups$/)
    .reply((uri, body) => {
      const type = uri.split("/")[4] ?? "";
      const group = body as { name: string; label: string; displayOrder?: number };
      const existing = groups.get(type) ?? new Set<string>();
      if (existing.has(group.name))
        return [
          409,
          buildErrorBody(409, `A property group named '${group.name}' already exists.`, {
            category: "OBJECT_ALREADY_EXISTS",
          }),
        ];
      groups.set(type, existing.add(group.name));
      return [201, { displayOrder: -1, ...group, archived: false }];
    })
    // Properties v3: batch read (missing names are 207 errors), batch create, update one.
    .post(/^\/crm\/v3\/properties\/\w+\/batch\/read$/)
    .reply((uri, body) => {
      const defined = propertiesOf(uri.split("/")[4] ?? "");
      const { inputs } = body as { inputs: { name: string }[] };
      const results = inputs.flatMap((i) => defined.get(i.name) ?? []);
      const missing = inputs.filter((i) => !defined.has(i.name));
      if (missing.length === 0) return [200, buildPropertyBatch(results)];
      const errors = missing.map((i) => ({
        status: "error",
        category: "OBJECT_NOT_FOUND",
        message: `Unable to find property ${i.name}`,
        context: { properties: [i.name] },
        links: {},
        errors: [],
      }));
      return [207, { ...buildPropertyBatch(results), numErrors: errors.length, errors }];
    })
    .post(/^\/crm\/v3\/properties\/\w+\/batch\/create$/)
    .reply((uri, body) => {
      const type = uri.split("/")[4] ?? "";
      const defined = propertiesOf(type);
      const { inputs } = body as { inputs: (Partial<Property> & { name: string })[] };
      const results: Property[] = [];
      const errors = [];
      for (const input of inputs) {
        if (defined.has(input.name)) {
          errors.push({
            status: "error",
            category: "OBJECT_ALREADY_EXISTS",
            message: `Property named '${input.name}' already exists.`,
            context: { properties: [input.name] },
            links: {},
            errors: [],
          });
          continue;
        }
        const property = buildProperty(input);
        defined.set(input.name, property);
        known.get(type)?.add(input.name);
        results.push(property);
      }
      const answer = buildPropertyBatch(results);
      return errors.length === 0 ? [201, answer] : [207, { ...answer, numErrors: errors.length, errors }];
    })
    .patch(/^\/crm\/v3\/properties\/\w+\/\w+$/)
    .reply((uri, body) => {
      const [, , , , type = "", name = ""] = uri.split("/");
      const property = propertiesOf(type).get(name);
      if (!property) return [404, buildErrorBody(404, `Unable to find property ${name}`)];
      const updated = { ...property, ...(body as Partial<Property>), name };
      propertiesOf(type).set(name, updated);
      return [200, updated];
    })
    // Workflow action callbacks (HUBSPOT.md §2.4): 204, no body.
    .post(/^\/automation\/v4\/actions\/callbacks\/[^/]+\/complete$/)
    .reply((uri, body) => {
      const callbackId = decodeURIComponent(uri.split("/")[5] ?? "");
      callbacks.push({ callbackId, outputFields: (body as CompletedCallback).outputFields });
      return [204];
    });

  return { ids, callbacks };
}
