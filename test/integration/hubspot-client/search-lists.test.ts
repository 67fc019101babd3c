import nock from "nock";
import { afterEach, beforeAll, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildListSearchPage } from "../../fixtures/hubspot/list-payloads.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const lists = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ listId: String(from + i), name: `List ${from + i}`, size: i }));

it("follows the lists search's offset until hasMore is false, 100 lists a page", async () => {
  const asked: unknown[] = [];
  const scope = nock(HUBSPOT)
    .post("/crm/v3/lists/search", (body) => asked.push(body) > 0)
    .reply(200, buildListSearchPage(lists(1, 100), { offset: 100, hasMore: true, total: 130 }))
    .post("/crm/v3/lists/search", (body) => asked.push(body) > 0)
    .reply(200, buildListSearchPage(lists(101, 30), { offset: 130, hasMore: false, total: 130 }));
  const { client } = createTestCrmClient();
  const found = await client.searchLists("List");
  expect(asked).toEqual([
    { query: "List", offset: 0, count: 100 },
    { query: "List", offset: 100, count: 100 },
  ]);
  expect(found).toHaveLength(130);
  expect(found[129]).toEqual({ listId: "130", name: "List 130", objectTypeId: "0-1", size: 29 });
  scope.done();
});

it("stops when HubSpot answers hasMore with an offset that does not move on, and reads a missing size as null", async () => {
  const page = buildListSearchPage(lists(1, 1), { offset: 0, hasMore: true, total: 5 });
  const [list] = page.lists;
  if (list) list.additionalProperties = {};
  const scope = nock(HUBSPOT).post("/crm/v3/lists/search").reply(200, page);
  const { client } = createTestCrmClient();
  expect(await client.searchLists("")).toEqual([
    { listId: "1", name: "List 1", objectTypeId: "0-1", size: null },
  ]);
  scope.done();
});
