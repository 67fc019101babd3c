import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCrmClient, HUBSPOT, TOKEN } from "../../fixtures/hubspot/create-test-crm-client.js";
import {
  buildBatchRead,
  buildErrorBody,
  buildRecord,
  tenSecondlyLimitBody,
} from "../../fixtures/hubspot/crm-payloads.js";
import { buildEmailEvent, buildSubmission } from "../../fixtures/hubspot/feed-payloads.js";

// The feeds' refusals and odd answers, which the door contract's worlds never give: a portal without
// the `content` or `forms` scope (403 "forbidden", not retried), HubSpot's rate limit (429 with
// Retry-After, retried), and answers the door must read defensively (docs/hubspot.md §Marketing email events, §Unconfirmed facts).

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const missingScope = buildErrorBody(
  403,
  "This app hasn't been granted all required scopes to make this call.",
  {
    category: "MISSING_SCOPES",
    errors: [
      {
        message: "One or more of the following scopes are required.",
        context: { requiredScopes: ["content"] },
      },
    ],
  },
);
const window = { startMs: 1_000, endMs: 2_000 };

describe("the feeds' refusals", () => {
  it("gives a 403 on the email events log as a forbidden AppError, asked once", async () => {
    const scope = nock(HUBSPOT).get("/email/public/v1/events").query(true).once().reply(403, missingScope);
    const { client } = createTestCrmClient();
    await expect(client.readMarketingEmailEvents(window, null)).rejects.toMatchObject({
      code: "forbidden",
      details: { status: 403, category: "MISSING_SCOPES", retryable: false },
    });
    scope.done();
  });

  it("gives a 403 on forms and on submissions as forbidden", async () => {
    const scope = nock(HUBSPOT)
      .get("/marketing/v3/forms/")
      .query(true)
      .reply(403, buildErrorBody(403, "missing scopes", { category: "MISSING_SCOPES" }))
      .get("/form-integrations/v1/submissions/forms/f-1")
      .query(true)
      .reply(403, buildErrorBody(403, "missing scopes", { category: "MISSING_SCOPES" }));
    const { client } = createTestCrmClient();
    await expect(client.listForms(null)).rejects.toMatchObject({ code: "forbidden" });
    await expect(client.readFormSubmissions("f-1", null)).rejects.toMatchObject({ code: "forbidden" });
    scope.done();
  });

  it("pauses for Retry-After on a 429 of the email events log, then reads the page", async () => {
    const event = buildEmailEvent({
      id: "e-1",
      created: 1_500,
      type: "OPEN",
      recipient: "a@acme.test",
      campaignId: "42",
      portalId: 123,
    });
    const scope = nock(HUBSPOT, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .get("/email/public/v1/events")
      .query({ startTimestamp: "1000", endTimestamp: "2000", limit: "1000" })
      .reply(429, tenSecondlyLimitBody, { "Retry-After": "2" })
      .get("/email/public/v1/events")
      .query({ startTimestamp: "1000", endTimestamp: "2000", limit: "1000" })
      .reply(200, { events: [event], hasMore: false, offset: "x" });
    const { client, sleeps } = createTestCrmClient();
    const page = await client.readMarketingEmailEvents(window, null);
    expect(page.events.map((e) => e.id)).toEqual(["e-1"]);
    expect(sleeps).toContain(2_000);
    scope.done();
  });

  it("refuses a page size outside HubSpot's range before calling", async () => {
    const { client } = createTestCrmClient();
    await expect(client.readMarketingEmailEvents({ ...window, limit: 1_001 }, null)).rejects.toMatchObject({
      code: "invalid_input",
    });
    await expect(client.readFormSubmissions("f-1", null, 51)).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});

describe("the feeds' answers, read defensively", () => {
  it("drops UNBOUNCE (no type, no recipient), reads UNSUBSCRIBED and a STATUSCHANGE of one subscription as unsubscribes", async () => {
    const base = { portalId: 123, campaignId: "42", recipient: "a@acme.test" };
    const events = [
      { id: "u-1", created: 1_900 },
      buildEmailEvent({ ...base, id: "s-1", created: 1_800, type: "UNSUBSCRIBED" }),
      {
        ...buildEmailEvent({ ...base, id: "s-2", created: 1_700, type: "STATUSCHANGE" }),
        portalSubscriptionStatus: "SUBSCRIBED",
        subscriptions: [{ id: 7, status: "UNSUBSCRIBED" }],
      },
      {
        ...buildEmailEvent({ ...base, id: "s-3", created: 1_600, type: "STATUSCHANGE" }),
        portalSubscriptionStatus: "SUBSCRIBED",
        subscriptions: [{ id: 7, status: "SUBSCRIBED" }],
      },
    ];
    nock(HUBSPOT).get("/email/public/v1/events").query(true).reply(200, { events, hasMore: false });
    const { client } = createTestCrmClient();
    const page = await client.readMarketingEmailEvents(window, null);
    expect(page.events.map((e) => [e.id, e.subscriptionChange])).toEqual([
      ["s-1", "UNSUBSCRIBED"],
      ["s-2", "UNSUBSCRIBED"],
      ["s-3", "SUBSCRIBED"],
    ]);
    expect(page.offset).toBeNull();
  });

  it("names the field of an answer it cannot read", async () => {
    nock(HUBSPOT)
      .get("/email/public/v1/events")
      .query(true)
      .reply(200, { events: [{ id: "e-1", created: "yesterday" }], hasMore: false });
    const { client } = createTestCrmClient();
    await expect(client.readMarketingEmailEvents(window, null)).rejects.toThrow(/events\.0\.created/);
  });

  it("reads a submission without an email field as one without a contact", async () => {
    const submission = buildSubmission({
      conversionId: "c-1",
      submittedAt: 1_500,
      pageUrl: "https://acme.test/",
      values: { firstname: "Ann" },
    });
    nock(HUBSPOT)
      .get("/form-integrations/v1/submissions/forms/f-1")
      .query({ limit: "50" })
      .reply(200, {
        results: [submission],
      });
    const { client } = createTestCrmClient();
    expect(await client.readFormSubmissions("f-1", null)).toEqual({
      submissions: [{ conversionId: "c-1", submittedAt: 1_500, pageUrl: "https://acme.test/", email: null }],
      after: null,
    });
  });

  it("maps an address two contacts answer for to both, in batches of 100", async () => {
    const sizes: number[] = [];
    const emails = Array.from({ length: 150 }, (_, i) => `p${i}@acme.test`);
    nock(HUBSPOT)
      .post("/crm/v3/objects/contacts/batch/read", (body) => {
        sizes.push(body.inputs.length);
        return body.idProperty === "email";
      })
      .times(2)
      .reply(200, (_uri, body) => {
        const inputs = (body as { inputs: { id: string }[] }).inputs;
        const records = inputs.map((i, n) => buildRecord(String(n + 1), { email: i.id }));
        if (inputs.some((i) => i.id === "p0@acme.test"))
          records.push(buildRecord("999", { email: "P0@acme.test" }));
        return buildBatchRead(records);
      });
    const { client } = createTestCrmClient();
    const found = await client.findContactIdsByEmail(emails);
    expect(sizes).toEqual([100, 50]);
    expect(found.get("p0@acme.test")).toEqual(["1", "999"]);
    expect(found.size).toBe(150);
  });
});
