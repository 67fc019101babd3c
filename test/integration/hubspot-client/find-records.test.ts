import nock from "nock";
import { afterEach, beforeAll, describe, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildSearchPage } from "../../fixtures/hubspot/search-payloads.js";

// findRecords: CRM search's full-text `query` ("Test a record", docs/decisions.md §Test a record search).
// What it finds, and its wait on a 429, are in the door contract
// (test/integration/door-contract/define-search-cases.ts); here, that it asks for nothing but that.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("findRecords", () => {
  it("sends only the query, the object's display properties and limit 10", async () => {
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/crm/v3/objects/contacts/search", {
        query: "ada@example.com",
        properties: ["email", "firstname", "lastname"],
        limit: 10,
      })
      .reply(200, buildSearchPage([]))
      .post("/crm/v3/objects/companies/search", { query: "acme", properties: ["name", "domain"], limit: 10 })
      .reply(200, buildSearchPage([]))
      .post("/crm/v3/objects/deals/search", { query: "renewal", properties: ["dealname"], limit: 10 })
      .reply(200, buildSearchPage([]));
    const { client } = createTestCrmClient();
    await client.findRecords("contacts", "ada@example.com");
    await client.findRecords("companies", "acme");
    await client.findRecords("deals", "renewal");
    scope.done();
  });
});
