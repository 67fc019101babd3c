import nock from "nock";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildBatchRead, buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import {
  buildListSearchPage,
  buildListsById,
  buildMembersPage,
  buildRecordMemberships,
} from "../../fixtures/hubspot/list-payloads.js";
import { mockNockFeeds } from "../../fixtures/hubspot/mock-feed-endpoints.js";
import { createNockCrmSearch, type SearchBody } from "./nock-crm-search.js";

import { mockNockProperties } from "./nock-properties.js";
import { mockNockWebEvents } from "./nock-web-events.js";
import { createNockWorldRecords } from "./nock-world-records.js";
import {
  type CompletedCallback,
  type ContactKey,
  meetingProperties,
  ticketProperties,
  tinyWorld,
  type WorldIds,
} from "./tiny-world.js";

// The tiny world as HubSpot answers it (docs/hubspot.md §Rate limits and batching, §Engagement objects, §Score properties, payload builders in test/fixtures/hubspot),
// scripted with nock over a small in-memory state so that writes are seen by later reads. Ids are
// the kind HubSpot gives: numeric strings, in creation order. Every call needs a bearer token, as
// HubSpot's do; CRM search lives in nock-crm-search.ts, properties in nock-properties.ts.

type AssociationType = { category: "HUBSPOT_DEFINED" | "USER_DEFINED"; typeId: number; label?: string };

/** HubSpot-defined association type ids (unlabeled, Primary) per direction, as HubSpot documents them. */
const definedTypes: Record<string, { unlabeled: number; primary?: number }> = {
  "contacts>companies": { unlabeled: 279, primary: 1 },
  "companies>contacts": { unlabeled: 280, primary: 2 },
  "meetings>contacts": { unlabeled: 200 },
  "contacts>meetings": { unlabeled: 199 },
  "meetings>companies": { unlabeled: 188 },
  "companies>meetings": { unlabeled: 187 },
  "contacts>tickets": { unlabeled: 15 },
  "tickets>contacts": { unlabeled: 16 },
};
const DECISION_MAKER_TYPE_ID = 1_001;

const at = (n: number) => String(n);
const EPOCH_MS = Date.parse("2026-11-02T09:00:00.000Z");
const batchTimes = { startedAt: "2026-11-02T09:00:00.000Z", completedAt: "2026-11-02T09:00:00.000Z" };

export function mockTinyWorld() {
  const world = createNockWorldRecords(EPOCH_MS);
  const put = world.put;
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
  const tickets = tinyWorld.tickets.map((ticket, i) => {
    const id = at(8001 + i);
    put("tickets", id, { ...ticketProperties(ticket), createdate: new Date(EPOCH_MS).toISOString() });
    associate("tickets", id, "contacts", contacts[ticket.contact]);
    return id;
  });
  let dealCount = 0;
  /** Deals "Deal n", numbered on, created now (an import, or the tiny world's own). */
  const addDeals = (count: number) =>
    Array.from({ length: count }, () => {
      const n = ++dealCount;
      put("deals", at(3000 + n), { dealname: `Deal ${n}` });
      return at(3000 + n);
    });
  const deals = addDeals(tinyWorld.dealCount);
  const listId = "12";
  const listMembers = tinyWorld.list.members.map((key) => contacts[key]);
  const groups = new Map<string, Set<string>>([["contacts", new Set([tinyWorld.propertyGroup.name])]]);
  const callbacks: CompletedCallback[] = [];
  const ids: WorldIds = { contacts, company, meetings, tickets, deals, listId };
  const calls = new Map<string, number>();
  const answerSearch = createNockCrmSearch(world);
  const wireRecord = world.wire;
  const sorted = (type: string) => world.all(type).map((record) => record.id);

  const scope = nock(HUBSPOT, { reqheaders: { authorization: /^Bearer \S+$/ } })
    .persist()
    .on("request", (req: { method: string; path: string }) => {
      const endpoint = `${req.method} ${req.path.split("?")[0]}`;
      calls.set(endpoint, (calls.get(endpoint) ?? 0) + 1);
    });
  scope
    // Objects v3 batch read: ids HubSpot does not know are one 207 error (docs/hubspot.md §Rate limits and batching).
    .post(/^\/crm\/v3\/objects\/\w+\/batch\/read$/)
    .reply((uri, body) => {
      const type = uri.split("/")[4] ?? "";
      const read = body as { inputs: { id: string }[]; properties?: string[]; idProperty?: string };
      const asked = read.properties ?? [];
      // With idProperty, an input is that property's value: every record holding it answers.
      const idsOf = (input: string) =>
        read.idProperty
          ? world
              .all(type)
              .filter((r) => r.properties[read.idProperty ?? ""]?.toLowerCase() === input.toLowerCase())
              .map((r) => r.id)
          : world.has(type, input)
            ? [input]
            : [];
      const found = read.inputs.flatMap((i) => idsOf(i.id));
      const missing = read.inputs.filter((i) => idsOf(i.id).length === 0).map((i) => i.id);
      const answer = buildBatchRead(found.map((id) => wireRecord(type, id, asked)));
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
        .filter((n) => !world.names(type).has(n));
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
      for (const input of inputs) world.update(type, input.id, input.properties);
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
    .post(/^\/crm\/v3\/objects\/\w+\/search$/)
    .reply(function (uri, body) {
      const token = String(this.req.headers.authorization ?? "");
      return answerSearch(uri.split("/")[4] ?? "", body as SearchBody, token);
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
    .post("/crm/v3/lists/search")
    .reply((_uri, body) => {
      const { query = "", offset = 0 } = body as { query?: string; offset?: number };
      const { name } = tinyWorld.list;
      const found = name.toLowerCase().includes(query.toLowerCase())
        ? [{ listId, name, size: listMembers.length }]
        : [];
      const lists = found.slice(offset);
      return [
        200,
        buildListSearchPage(lists, { offset: offset + lists.length, hasMore: false, total: found.length }),
      ];
    })
    .get(/^\/crm\/v3\/lists\/records\/0-1\/\d+\/memberships$/)
    .reply((uri) => {
      const recordId = uri.split("/")[6] ?? "";
      return [200, buildRecordMemberships(listMembers.includes(recordId) ? [listId] : [])];
    })
    .get(new RegExp(`^/crm/v3/lists/${listId}/memberships(\\?.*)?$`))
    .reply(200, () => buildMembersPage(listMembers))
    // Workflow action callbacks (docs/hubspot.md §Workflow action callbacks): 204, no body. HubSpot's published spec requires
    // `typedOutputs` beside `outputFields` (docs/decisions.md §Fields the SDK does not send): a body
    // without it is refused, as the spec allows HubSpot to.
    .post(/^\/automation\/v4\/actions\/callbacks\/[^/]+\/complete$/)
    .reply((uri, body) => {
      const { typedOutputs } = body as { typedOutputs?: unknown };
      if (typeof typedOutputs !== "object" || typedOutputs === null)
        return [400, buildErrorBody(400, "Invalid input JSON: typedOutputs is required")];
      const callbackId = decodeURIComponent(uri.split("/")[5] ?? "");
      callbacks.push({ callbackId, outputFields: (body as CompletedCallback).outputFields });
      return [204];
    });
  mockNockProperties(scope, world, groups);
  const feeds = mockNockFeeds(scope, world.nowMs);
  mockNockWebEvents(
    scope,
    tinyWorld.pageViews.map((view, i) => ({ ...view, id: `pv-${i + 1}`, contactId: contacts[view.contact] })),
  );

  return {
    ids,
    callbacks,
    nowMs: world.nowMs,
    advance: world.advance,
    addDeals,
    feeds,
    calls: (endpoint: string) => calls.get(endpoint) ?? 0,
  };
}
