import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKeyvSourceStatusStore } from "../../../src/adapters/stores/keyv-source-status-store.js";
import { loadWebEvents } from "../../../src/app/load-web-events.js";
import { createTestCrmClient, HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";

// Event analytics per contact (docs/decisions.md §Web events mapping, §Sources status), HubSpot played by
// nock: the windows rules need, the types the portal lacks, the tier's 4xx remembered for a day, failures.

const T0 = Date.parse("2026-11-20T12:00:00.000Z");
const DAY = 86_400_000;
const PORTAL = 62515;
const types = (...eventTypes: string[]) =>
  nock(HUBSPOT).get("/events/v3/events/event-types").reply(200, { eventTypes });
const pageViews = (
  contactId: string,
  occurredAfter: string,
  views: { id: string; at: string; url: string }[],
) =>
  nock(HUBSPOT)
    // The SDK asks for /events/v3/events/ (with the slash).
    .get("/events/v3/events/")
    .query({ objectType: "contact", objectId: contactId, eventType: "e_visited_page", occurredAfter })
    .reply(200, {
      results: views.map((v) => ({
        id: v.id,
        objectType: "CONTACT",
        objectId: contactId,
        eventType: "e_visited_page",
        occurredAt: v.at,
        properties: { hs_url: v.url, hs_title: "Pricing" },
      })),
    });

const openStore = () => createKeyvSourceStatusStore(new Keyv());

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe("loadWebEvents", () => {
  it("reads each contact's page views from the oldest instant a rule counts, and forgets an earlier failure", async () => {
    const { client } = createTestCrmClient();
    const store = openStore();
    await store.recordProblem(PORTAL, "event_analytics", {
      kind: "failing",
      message: "timed out",
      atMs: T0 - DAY,
    });
    types("e_visited_page");
    const since = new Date(T0 - 30 * DAY).toISOString();
    pageViews("1", since, [{ id: "a", at: "2026-11-19T08:00:00.000Z", url: "https://acme.test/pricing" }]);
    pageViews("2", since, []);
    const loaded = await loadWebEvents(
      client,
      ["1", "2"],
      { page_view: [{ withinMs: 7 * DAY }, { withinMs: 30 * DAY }] },
      { portalId: PORTAL, store, atMs: T0 },
    );
    expect(loaded.warnings).toEqual([]);
    expect(loaded.byRecord).toEqual(
      new Map([
        [
          "1",
          [
            {
              type: "page_view",
              occurredAt: "2026-11-19T08:00:00.000Z",
              properties: expect.objectContaining({ url: "https://acme.test/pricing", path: "/pricing" }),
            },
          ],
        ],
        ["2", []],
      ]),
    );
    expect(await store.problems(PORTAL)).toEqual({});
  });

  it("asks for no type the portal lacks, and says so", async () => {
    const { client } = createTestCrmClient();
    types("e_visited_page");
    const loaded = await loadWebEvents(client, ["1"], { cta_click: [null] }, { portalId: PORTAL, atMs: T0 });
    expect(loaded.byRecord.get("1")).toEqual([]);
    expect(loaded.warnings).toEqual([
      expect.objectContaining({ source: "event_analytics", code: "unknown_event_type" }),
    ]);
    expect(loaded.warnings[0]?.message).toContain('"e_clicked_cta"');
  });

  it("takes a 403 as a portal below Enterprise: remembered, not asked again for a day, then asked again", async () => {
    const { client } = createTestCrmClient();
    const store = openStore();
    nock(HUBSPOT)
      .get("/events/v3/events/event-types")
      .twice()
      .reply(403, { status: "error", category: "FORBIDDEN", message: "requires an Enterprise subscription" });
    const context = { portalId: PORTAL, store, atMs: T0 };
    const first = await loadWebEvents(client, ["1"], { page_view: [null] }, context);
    expect(first.warnings).toEqual([
      expect.objectContaining({ source: "event_analytics", code: "needs_enterprise" }),
    ]);
    expect((await store.problems(PORTAL)).event_analytics).toMatchObject({
      kind: "needs_enterprise",
      atMs: T0,
    });

    const remembered = await loadWebEvents(
      client,
      ["1"],
      { page_view: [null] },
      { ...context, atMs: T0 + DAY - 1 },
    );
    expect(remembered.warnings).toEqual([expect.objectContaining({ code: "needs_enterprise" })]);
    expect(nock.pendingMocks()).toHaveLength(1);

    await loadWebEvents(client, ["1"], { page_view: [null] }, { ...context, atMs: T0 + DAY });
    expect((await store.problems(PORTAL)).event_analytics).toMatchObject({ atMs: T0 + DAY });
  });

  it("records any other failure as failing and fails the read, so it is retried", async () => {
    const { client } = createTestCrmClient();
    const store = openStore();
    nock(HUBSPOT).get("/events/v3/events/event-types").times(10).reply(503, { message: "unavailable" });
    await expect(
      loadWebEvents(client, ["1"], { page_view: [null] }, { portalId: PORTAL, store, atMs: T0 }),
    ).rejects.toMatchObject({ code: "upstream_failed" });
    expect((await store.problems(PORTAL)).event_analytics).toMatchObject({ kind: "failing" });
    nock.cleanAll();
  });
});
