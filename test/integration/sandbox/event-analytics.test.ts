import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// GET /events/v3/events and /events/v3/events/event-types (docs/hubspot.md §Event analytics) against events written
// through /__sandbox/web-events, as `view-page` does; Enterprise only (SANDBOX_TIER).

let s: TestSandbox;
let contactId: string;
const iso = (minutes: number) => new Date(SANDBOX_EPOCH_MS - 600 * 60_000 + minutes * 60_000).toISOString();

async function webEvent(body: Record<string, unknown>) {
  const answer = await s.call("POST", "/__sandbox/web-events", { contact: contactId, ...body });
  expect(answer.status, answer.text).toBe(201);
  return answer.json;
}

beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
  contactId = (
    await s.call("POST", "/__sandbox/records/contacts", { properties: { email: "ada@acme.test" } })
  ).json.id;
  await webEvent({ kind: "page_view", url: "https://acme.test/", title: "Home", occurredAt: iso(0) });
  await webEvent({
    kind: "page_view",
    url: "https://acme.test/pricing",
    title: "Pricing",
    occurredAt: iso(10),
  });
  await webEvent({
    kind: "cta_click",
    ctaName: "Book a demo",
    url: "https://acme.test/pricing",
    occurredAt: iso(11),
  });
  await webEvent({
    kind: "page_view",
    url: "https://acme.test/blog/scores",
    title: "Scores",
    occurredAt: iso(120),
  });
  await webEvent({
    kind: "ad_interaction",
    network: "LINKEDIN",
    campaignName: "Q4",
    adName: "Scoring",
    occurredAt: iso(130),
  });
  await webEvent({
    kind: "custom",
    label: "used_calculator",
    properties: { plan: "pro" },
    occurredAt: iso(140),
  });
});
afterEach(() => s.close());

const get = (path: string, token = s.token) =>
  s.call("GET", path, undefined, { authorization: `Bearer ${token}` });

describe("GET /events/v3/events", () => {
  it("answers a contact's events newest first as ExternalUnifiedEvent, by objectId or objectProperty.email", async () => {
    const byId = await get(`/events/v3/events?objectType=contact&objectId=${contactId}`);
    expect(byId.status).toBe(200);
    const portalId = s.sandbox.portal.portalId;
    expect(byId.json.results.map((e: { eventType: string }) => e.eventType)).toEqual([
      `pe${portalId}_used_calculator`,
      "e_ad_interaction",
      "e_visited_page",
      "e_clicked_cta",
      "e_visited_page",
      "e_visited_page",
    ]);
    expect(byId.json.results[2]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      objectType: "CONTACT",
      objectId: contactId,
      eventType: "e_visited_page",
      occurredAt: iso(120),
      properties: expect.objectContaining({
        hs_url: "https://acme.test/blog/scores",
        hs_title: "Scores",
        hs_page_id: expect.stringMatching(/^\d+$/),
        hs_page_content_type: "BLOG_POST",
      }),
    });
    expect(byId.json.results[3].properties).toMatchObject({
      hs_cta_name: "Book a demo",
      hs_url: "https://acme.test/pricing",
    });
    expect(byId.json.results[1].properties).toMatchObject({
      hs_ad_network: "LINKEDIN",
      hs_campaign_name: "Q4",
      hs_ad_name: "Scoring",
    });
    expect(byId.json.results[0].properties).toEqual({ plan: "pro" });
    const byEmail = await get("/events/v3/events?objectType=contact&objectProperty.email=ADA%40acme.test");
    expect(byEmail.json.results).toEqual(byId.json.results);
    const nobody = await get("/events/v3/events?objectType=contact&objectProperty.email=nobody%40acme.test");
    expect(nobody.json.results).toEqual([]);
  });

  it("filters by eventType and inclusive occurredAfter/occurredBefore, and pages with after", async () => {
    const views = await get(
      `/events/v3/events?objectType=contact&objectId=${contactId}&eventType=e_visited_page&occurredAfter=${iso(10)}&occurredBefore=${iso(120)}`,
    );
    expect(views.json.results.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([iso(120), iso(10)]);
    const first = await get(`/events/v3/events?objectType=contact&objectId=${contactId}&limit=4`);
    expect(first.json.results).toHaveLength(4);
    const after = first.json.paging.next.after;
    const second = await get(
      `/events/v3/events?objectType=contact&objectId=${contactId}&limit=4&after=${after}`,
    );
    expect(second.json.results.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([iso(10), iso(0)]);
    expect(second.json.paging).toBeUndefined();
    const link = new URL(first.json.paging.next.link);
    expect((await get(`${link.pathname}${link.search}`)).json.results).toEqual(second.json.results);
    const elsewhere = await get(
      `/events/v3/events?objectType=contact&objectId=${contactId}&eventType=e_visited_page&after=${after}`,
    );
    expect(elsewhere.status).toBe(400);
    expect((await get("/events/v3/events?objectType=contact&limit=101")).status).toBe(400);
    expect((await get(`/events/v3/events?objectId=${contactId}`)).status).toBe(400);
    expect((await get("/events/v3/events?objectType=contact&occurredAfter=yesterday")).status).toBe(400);
  });

  it("lists the standard event types and the portal's custom ones", async () => {
    const answer = await get("/events/v3/events/event-types");
    expect(answer.json).toEqual({
      eventTypes: [
        "e_visited_page",
        "e_clicked_cta",
        "e_ad_interaction",
        `pe${s.sandbox.portal.portalId}_used_calculator`,
      ],
    });
  });

  it("keeps page views, sessions (30 minutes apart) and the last visit on the contact", async () => {
    expect(s.sandbox.portal.records.get("contacts", Number(contactId))?.properties).toMatchObject({
      hs_analytics_num_page_views: "3",
      hs_analytics_num_visits: "2",
      hs_analytics_last_visit_timestamp: iso(120),
      hs_analytics_last_timestamp: iso(120),
    });
    const changes = (await s.call("GET", "/__sandbox/changes?limit=1000")).json.results;
    expect(changes).toContainEqual(
      expect.objectContaining({
        propertyName: "hs_analytics_num_page_views",
        propertyValue: "3",
        changeSource: "ANALYTICS",
      }),
    );
  });
});

describe("a Professional portal (SANDBOX_TIER=professional)", () => {
  it("answers both calls with HubSpot's error shape, 403 naming the Enterprise tier", async () => {
    const pro = await startTestSandbox({ seed: "none", tier: "professional" });
    try {
      for (const path of [
        "/events/v3/events?objectType=contact&objectId=1",
        "/events/v3/events/event-types",
      ]) {
        const answer = await pro.call("GET", path, undefined, { authorization: `Bearer ${pro.token}` });
        expect(answer.status).toBe(403);
        expect(answer.json).toMatchObject({
          status: "error",
          category: "FORBIDDEN",
          subCategory: "PRODUCT_TIER_REQUIRED",
          message: expect.stringMatching(/Enterprise.*Professional/),
          correlationId: expect.any(String),
        });
      }
      const forms = await pro.call("GET", "/marketing/v3/forms", undefined, {
        authorization: `Bearer ${pro.token}`,
      });
      expect(forms.status).toBe(200);
    } finally {
      await pro.close();
    }
  });
});

describe("the marketing and web endpoints' rate limit", () => {
  it("counts each against the portal's ten-second budget and answers 429 past it", async () => {
    const paths = [
      "/email/public/v1/events",
      "/marketing/v3/forms",
      "/events/v3/events/event-types",
      "/events/v3/events?objectType=contact",
    ];
    for (const path of paths) {
      const limited = await startTestSandbox({ seed: "none", ratePer10s: 1 });
      try {
        const call = () => limited.call("GET", path, undefined, { authorization: `Bearer ${limited.token}` });
        expect((await call()).status, path).toBe(200);
        const refused = await call();
        expect(refused.status, path).toBe(429);
        expect(refused.headers.get("retry-after")).toBe("10");
      } finally {
        await limited.close();
      }
    }
  });
});

describe("a contact's privacy deletion", () => {
  it("erases its email events, form submissions and analytics events with it", async () => {
    const campaign = (await s.call("POST", "/__sandbox/email-campaigns", { name: "N", subject: "S" })).json;
    await s.call("POST", "/__sandbox/email-events", {
      contact: contactId,
      type: "OPEN",
      campaignId: campaign.id,
    });
    const form = (await s.call("POST", "/__sandbox/forms", { name: "Contact us" })).json;
    await s.call("POST", `/__sandbox/forms/${form.id}/submissions`, { contact: contactId });
    expect((await s.call("POST", `/__sandbox/records/contacts/${contactId}/gdpr-delete`)).status).toBe(200);
    expect((await get("/email/public/v1/events?recipient=ada%40acme.test")).json.events).toEqual([]);
    expect((await get(`/form-integrations/v1/submissions/forms/${form.id}`)).json.results).toEqual([]);
    expect((await get(`/events/v3/events?objectType=contact&objectId=${contactId}`)).json.results).toEqual(
      [],
    );
  });
});
