import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// GET /email/public/v1/events and /campaigns/{id} (docs/hubspot.md §Marketing email events) against a sandbox whose email
// activity is written through /__sandbox/email-events, as the `open-email` / `click-email` commands do.

let s: TestSandbox;
let contactId: string;
let campaignId: number;
const email = "ada@acme.test";
const at = (minutes: number) => SANDBOX_EPOCH_MS - 60 * 60_000 + minutes * 60_000;

async function emailEvent(body: Record<string, unknown>) {
  const answer = await s.call("POST", "/__sandbox/email-events", body);
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
}

beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
  contactId = (await s.call("POST", "/__sandbox/records/contacts", { properties: { email, city: "Boston" } }))
    .json.id;
  campaignId = (
    await s.call("POST", "/__sandbox/email-campaigns", {
      name: "November newsletter",
      subject: "What's new",
      sentAt: at(0),
    })
  ).json.id;
  await emailEvent({ contact: contactId, type: "DELIVERED", campaignId, occurredAt: at(1) });
  await emailEvent({ contact: email, type: "OPEN", campaignId, occurredAt: at(10) });
  await emailEvent({ contact: contactId, type: "OPEN", campaignId, occurredAt: at(20) });
  await emailEvent({
    contact: contactId,
    type: "CLICK",
    campaignId,
    occurredAt: at(21),
    url: "https://acme.test/pricing",
  });
});
afterEach(() => s.close());

const events = (query: string, token = s.token) =>
  s.call("GET", `/email/public/v1/events?${query}`, undefined, { authorization: `Bearer ${token}` });

describe("GET /email/public/v1/events", () => {
  it("answers newest first in HubSpot's shape, a CLICK with its url, 10 a page by default", async () => {
    const answer = await events(`recipient=${encodeURIComponent("ADA@acme.test")}`);
    expect(answer.status).toBe(200);
    expect(answer.json.hasMore).toBe(false);
    expect(answer.json.offset).toEqual(expect.any(String));
    expect(answer.json.events.map((e: { type: string }) => e.type)).toEqual([
      "CLICK",
      "OPEN",
      "OPEN",
      "DELIVERED",
    ]);
    expect(answer.json.events[0]).toMatchObject({
      appId: 113,
      appName: "Batch",
      portalId: s.sandbox.portal.portalId,
      emailCampaignId: campaignId,
      recipient: email,
      type: "CLICK",
      created: at(21),
      url: "https://acme.test/pricing",
      subject: "What's new",
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sentBy: { id: expect.any(String), created: at(0) },
      location: expect.objectContaining({ city: "Boston" }),
    });
  });

  it("filters by eventType case-sensitively, campaignId and inclusive start and end timestamps", async () => {
    expect((await events("eventType=OPEN")).json.events).toHaveLength(2);
    expect((await events("eventType=open")).json.events).toHaveLength(0);
    expect((await events(`campaignId=${campaignId + 1}`)).json.events).toHaveLength(0);
    const window = await events(`startTimestamp=${at(10)}&endTimestamp=${at(20)}`);
    expect(window.json.events.map((e: { created: number }) => e.created)).toEqual([at(20), at(10)]);
    expect((await events("appId=999")).json.events).toHaveLength(0);
  });

  it("pages with the opaque offset, only with the same filters, until hasMore is false", async () => {
    const first = await events("limit=3");
    expect(first.json).toMatchObject({ hasMore: true });
    expect(first.json.events.map((e: { type: string }) => e.type)).toEqual(["CLICK", "OPEN", "OPEN"]);
    const second = await events(`limit=3&offset=${first.json.offset}`);
    expect(second.json).toMatchObject({ hasMore: false, events: [{ type: "DELIVERED" }] });
    const otherQuery = await events(`limit=3&eventType=OPEN&offset=${first.json.offset}`);
    expect(otherQuery.status).toBe(400);
    expect(otherQuery.json.message).toMatch(/another query/);
    expect((await events("offset=not-a-token")).status).toBe(400);
  });

  it("lets an offset expire after an hour of the portal's clock", async () => {
    const first = await events("limit=1");
    await s.call("POST", "/__sandbox/clock", { advance: "61m" });
    const late = await events(`limit=1&offset=${first.json.offset}`, await s.issueToken());
    expect(late.status).toBe(400);
    expect(late.json).toMatchObject({
      category: "VALIDATION_ERROR",
      message: expect.stringMatching(/expired/),
    });
  });

  it("refuses a limit outside 1–1000 and a token without the content scope", async () => {
    expect((await events("limit=0")).status).toBe(400);
    expect((await events("limit=1001")).status).toBe(400);
    expect((await events("limit=1000")).status).toBe(200);
    const narrow = await s.issueToken(["oauth", "crm.objects.contacts.read"]);
    const refused = await events("limit=1", narrow);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ category: "MISSING_SCOPES" });
    expect(JSON.stringify(refused.json)).toContain("content");
  });

  it("answers 429 past the portal's ten-second budget", async () => {
    await s.close();
    s = await startTestSandbox({ seed: "none", ratePer10s: 2 });
    expect((await events("limit=1")).status).toBe(200);
    expect((await events("limit=1")).status).toBe(200);
    const refused = await events("limit=1");
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ policyName: "TEN_SECONDLY_ROLLING" });
  });
});

describe("GET /email/public/v1/campaigns/{id}", () => {
  it("answers the campaign's name, subject and counters, 404 for an unknown one", async () => {
    const auth = { authorization: `Bearer ${s.token}` };
    const answer = await s.call("GET", `/email/public/v1/campaigns/${campaignId}`, undefined, auth);
    expect(answer.json).toMatchObject({
      id: campaignId,
      name: "November newsletter",
      subject: "What's new",
      appId: 113,
      type: "BATCH_EMAIL",
      counters: { sent: 1, delivered: 1, open: 2, click: 1, bounce: 0 },
    });
    expect((await s.call("GET", "/email/public/v1/campaigns/1", undefined, auth)).status).toBe(404);
  });
});

describe("the contact's email roll-ups", () => {
  it("count emails delivered, opened and clicked and date the last open and click, each change a webhook", async () => {
    const contact = s.sandbox.portal.records.get("contacts", Number(contactId));
    expect(contact?.properties).toMatchObject({
      hs_email_delivered: "1",
      hs_email_open: "1",
      hs_email_click: "1",
      hs_email_bounce: "0",
      hs_email_last_open_date: new Date(at(20)).toISOString(),
      hs_email_last_click_date: new Date(at(21)).toISOString(),
    });
    const changes = (await s.call("GET", "/__sandbox/changes?limit=1000")).json.results;
    const lastOpen = changes.filter(
      (c: { propertyName: string }) => c.propertyName === "hs_email_last_open_date",
    );
    expect(
      lastOpen.map((c: { propertyValue: string; changeSource: string; subscriptionType: string }) => [
        c.propertyValue,
        c.changeSource,
        c.subscriptionType,
      ]),
    ).toEqual([
      [new Date(at(10)).toISOString(), "EMAIL", "contact.propertyChange"],
      [new Date(at(20)).toISOString(), "EMAIL", "contact.propertyChange"],
    ]);
  });

  it("delivers an email before its first open when the campaign never reached the contact", async () => {
    const other = (
      await s.call("POST", "/__sandbox/records/contacts", { properties: { email: "bo@acme.test" } })
    ).json.id;
    const answer = await emailEvent({ contact: other, type: "OPEN", occurredAt: at(30) });
    expect(
      answer.events.map((e: { type: string; emailCampaignId: number }) => [e.type, e.emailCampaignId]),
    ).toEqual([
      ["DELIVERED", campaignId],
      ["OPEN", campaignId],
    ]);
    expect(answer.rollups).toMatchObject({
      hs_email_delivered: "1",
      hs_email_open: "1",
      hs_email_click: "0",
    });
  });
});

describe("POST /__sandbox/email-events by bare address", () => {
  it("logs exactly the event for an address no contact has, and an unsubscribe with the portal-wide status", async () => {
    const logged = await emailEvent({ recipient: "stranger@elsewhere.test", type: "DELIVERED", campaignId });
    expect(logged).toMatchObject({
      type: "DELIVERED",
      recipient: "stranger@elsewhere.test",
      contactId: null,
    });
    expect(logged.events).toHaveLength(1);
    const unsubscribed = await emailEvent({
      recipient: email,
      type: "STATUSCHANGE",
      campaignId,
      portalSubscriptionStatus: "UNSUBSCRIBED",
    });
    expect(unsubscribed).toMatchObject({
      type: "STATUSCHANGE",
      id: expect.any(String),
      created: SANDBOX_EPOCH_MS,
      portalSubscriptionStatus: "UNSUBSCRIBED",
      subscriptions: [{ status: "UNSUBSCRIBED" }],
      contactId,
    });
    const refused = await s.call("POST", "/__sandbox/email-events", {
      contact: contactId,
      recipient: email,
      type: "OPEN",
    });
    expect(refused.status).toBe(400);
  });
});
