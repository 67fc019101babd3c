import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildRecord } from "../../fixtures/hubspot/crm-payloads.js";
import { buildSearchPage, secondlySearchLimitBody } from "../../fixtures/hubspot/search-payloads.js";

// findRecords: CRM search's full-text `query` ("Test a record", issue 8), in the search lane.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("findRecords", () => {
  it("sends only query, the contact's display properties and limit 10, and answers ids with properties", async () => {
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/crm/v3/objects/contacts/search", {
        query: "ada@example.com",
        properties: ["email", "firstname", "lastname"],
        limit: 10,
      })
      .reply(
        200,
        buildSearchPage([buildRecord("7", { email: "ada@example.com", firstname: "Ada", lastname: null })], {
          total: 1,
        }),
      );
    const { client } = createTestCrmClient();
    const found = await client.findRecords("contacts", "ada@example.com");
    expect(found).toEqual([
      {
        id: "7",
        properties: expect.objectContaining({ email: "ada@example.com", firstname: "Ada", lastname: null }),
      },
    ]);
    scope.done();
  });

  it("asks companies for name and domain, and deals for dealname", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/companies/search", { query: "acme", properties: ["name", "domain"], limit: 10 })
      .reply(200, buildSearchPage([]))
      .post("/crm/v3/objects/deals/search", { query: "renewal", properties: ["dealname"], limit: 10 })
      .reply(200, buildSearchPage([buildRecord("31", { dealname: "Renewal 2027" })]));
    const { client } = createTestCrmClient();
    expect(await client.findRecords("companies", "acme")).toEqual([]);
    expect((await client.findRecords("deals", "renewal")).map((r) => r.id)).toEqual(["31"]);
    scope.done();
  });

  it("pauses the search lane for Retry-After on a 429, then answers", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/search")
      .reply(429, secondlySearchLimitBody, { "Retry-After": "1" })
      .post("/crm/v3/objects/contacts/search")
      .reply(200, buildSearchPage([buildRecord("7")]));
    const { client, sleeps } = createTestCrmClient();
    expect((await client.findRecords("contacts", "ada")).map((r) => r.id)).toEqual(["7"]);
    expect(sleeps).toEqual([1_000]);
    scope.done();
  });
});
