import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody, buildRecord, tenSecondlyLimitBody } from "../../fixtures/hubspot/crm-payloads.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("countRecords", () => {
  it("asks CRM search for one record without filters and answers its total, past the 10,000 search pages", async () => {
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post("/crm/v3/objects/companies/search", {
        filterGroups: [],
        properties: ["hs_object_id"],
        limit: 1,
      })
      .reply(200, {
        total: 12_345,
        results: [buildRecord("1")],
        paging: { next: { after: "1", link: "?after=1" } },
      });
    const { client } = createTestCrmClient();
    expect(await client.countRecords("companies")).toBe(12_345);
    scope.done();
  });

  it("answers 0 for an object without records", async () => {
    const scope = nock(HUBSPOT).post("/crm/v3/objects/deals/search").reply(200, { total: 0, results: [] });
    const { client } = createTestCrmClient();
    expect(await client.countRecords("deals")).toBe(0);
    scope.done();
  });

  it("waits out a 429 for its Retry-After seconds and asks again", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/search")
      .reply(429, tenSecondlyLimitBody, { "Retry-After": "2" })
      .post("/crm/v3/objects/contacts/search")
      .reply(200, { total: 3, results: [buildRecord("1")] });
    const { client, sleeps } = createTestCrmClient();
    expect(await client.countRecords("contacts")).toBe(3);
    expect(sleeps).toEqual([2000]);
    scope.done();
  });

  it("fails with our error, not the SDK's, when HubSpot refuses", async () => {
    const scope = nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/search")
      .reply(403, buildErrorBody(403, "This app hasn't been granted all required scopes"));
    const { client } = createTestCrmClient();
    await expect(client.countRecords("contacts")).rejects.toMatchObject({
      name: "AppError",
      code: "forbidden",
    });
    scope.done();
  });
});
