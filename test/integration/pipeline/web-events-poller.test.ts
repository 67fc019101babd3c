import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseDefinition, type ScoreDefinition } from "../../../src/scoring/index.js";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import {
  type Click,
  mockPortalWebEvents,
  type Refusal,
} from "../../fixtures/hubspot/mock-portal-web-events.js";
import { createDummyGenericEvent, T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { mockAcmeFeedWorld } from "../../fixtures/pipeline/mock-feed-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// The web events poller (docs/decisions.md §Web events feed) on a real SQLite feed store, HubSpot played
// by nock: one portal-wide event analytics read per counted type from the cursor, events stored per
// contact and deduped, the contacts rescored; a refused portal-wide read remembered, a 403 the tier.

const PORTAL = 62515;
const day = 86_400_000;
const clock = { nowMs: T0 };
let portal: ReturnType<typeof mockAcmeFeedWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;
const eventCalls: string[] = [];
const mockEventAnalytics = (clicks: () => Click[], refuse?: Refusal) =>
  mockPortalWebEvents(eventCalls, clicks, refuse);

allowOnlyLocalhost();

const ctaScore = (): ScoreDefinition =>
  parseDefinition({
    id: "web",
    name: "Web",
    object: "contacts",
    type: "engagement",
    status: "enabled",
    property: { name: "ls_web" },
    groups: [
      {
        name: "Web",
        kind: "engagement",
        rules: [{ event: "cta_click", points: 10, timeframe: { within: { amount: 30, unit: "days" } } }],
      },
    ],
  });

const iso = (ms: number) => new Date(ms).toISOString();

beforeEach(async () => {
  clock.nowMs = T0;
  eventCalls.length = 0;
  portal = mockAcmeFeedWorld(() => clock.nowMs, { "1": "ann@acme.test", "2": "bo@acme.test" });
  app = await startPipelineApp({ portalId: PORTAL, definitions: [ctaScore()], clock });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("web events poller", () => {
  it("reads every contact's CTA clicks portal-wide page by page from the backfill, stores them and rescores those contacts", async () => {
    const clicks = [
      { id: "c1", contactId: "1", at: iso(T0 - 2 * day) },
      { id: "c2", contactId: "2", at: iso(T0 - day) },
      { id: "old", contactId: "2", at: iso(T0 - 40 * day) },
    ];
    mockEventAnalytics(() => clicks);

    await app.pipeline.scheduler.run("poll-web-events");

    const reads = eventCalls.filter((p) => p.startsWith("/events/v3/events/?"));
    expect(reads).toHaveLength(2);
    for (const read of reads) {
      const query = new URL(read, HUBSPOT).searchParams;
      expect(query.has("objectId")).toBe(false);
      expect(query.get("eventType")).toBe("e_clicked_cta");
      expect(query.get("occurredAfter")).toBe(iso(T0 - 30 * day));
    }
    const held = await app.feeds.events(PORTAL, ["1", "2"]);
    expect(held.get("1")).toEqual([
      {
        key: "e_clicked_cta:c1",
        type: "cta_click",
        occurredAt: iso(T0 - 2 * day),
        properties: expect.objectContaining({ cta_name: "Book a demo", hs_url: "https://acme.test/pricing" }),
      },
    ]);
    expect(held.get("2")?.map((e) => e.key)).toEqual(["e_clicked_cta:c2"]);
    expect(portal.written("contacts", "1", "ls_web")).toBe("10");
    expect(portal.written("contacts", "2", "ls_web")).toBe("10");
    expect(await app.feeds.cursor(PORTAL, "web_events")).toMatchObject({ sinceMs: T0, lastError: null });
  });

  it("reads the next poll from its cursor less the overlap and keeps an event read twice once", async () => {
    const clicks = [{ id: "c1", contactId: "1", at: iso(T0 - 60_000) }];
    mockEventAnalytics(() => clicks);
    await app.pipeline.scheduler.run("poll-web-events");
    clock.nowMs = T0 + 5 * 60_000;
    clicks.push({ id: "c2", contactId: "1", at: iso(T0 + 60_000) });
    eventCalls.length = 0;

    await app.pipeline.scheduler.run("poll-web-events");

    const read = eventCalls.find((p) => p.startsWith("/events/v3/events/?")) ?? "";
    expect(new URL(read, HUBSPOT).searchParams.get("occurredAfter")).toBe(iso(T0 - 10 * 60_000));
    expect((await app.feeds.events(PORTAL, ["1"])).get("1")?.map((e) => e.key)).toEqual([
      "e_clicked_cta:c1",
      "e_clicked_cta:c2",
    ]);
    expect(portal.written("contacts", "1", "ls_web")).toBe("20");
  });

  it("polls at once when a contact's page-view roll-up changes (webhook), and stores what it finds", async () => {
    const clicks = [{ id: "c1", contactId: "2", at: iso(T0 - 60_000) }];
    mockEventAnalytics(() => clicks);
    await app.deliver([
      createDummyGenericEvent({
        eventId: 1,
        objectId: 2,
        objectTypeId: "0-1",
        propertyName: "hs_analytics_num_page_views",
        propertyValue: "3",
      }),
    ]);
    await app.pipeline.worker.drain();
    // The worker asked for the poll and went on: the poll reads portal-wide and stores the click.
    await vi.waitFor(async () =>
      expect((await app.feeds.events(PORTAL, ["2"])).get("2")?.map((e) => e.key)).toEqual([
        "e_clicked_cta:c1",
      ]),
    );
    expect(eventCalls.filter((p) => p.startsWith("/events/v3/events/?"))).toEqual([
      expect.not.stringContaining("objectId="),
    ]);
  });

  it("remembers a refused portal-wide read with HubSpot's reason, asks again only a day later", async () => {
    const body = { status: "error", category: "VALIDATION_ERROR", message: "objectId is required" };
    mockEventAnalytics(() => [], { status: 400, body });

    await app.pipeline.scheduler.run("poll-web-events");

    const cursor = await app.feeds.cursor(PORTAL, "web_events");
    expect(cursor?.portalWideRefused).toEqual({ atMs: T0, message: expect.stringContaining("400") });
    expect(cursor?.portalWideRefused?.message).toContain("objectId");
    expect(await app.sourceStatus.problems(PORTAL)).toEqual({});
    eventCalls.length = 0;
    clock.nowMs = T0 + 3_600_000;
    await app.pipeline.scheduler.run("poll-web-events");
    expect(eventCalls).toEqual([]);
    clock.nowMs = T0 + day;
    await app.pipeline.scheduler.run("poll-web-events");
    expect(eventCalls.some((p) => p.startsWith("/events/v3/events/?"))).toBe(true);
  });

  it("records a 403 as needing Enterprise and keeps the cursor where it was", async () => {
    mockEventAnalytics(() => [], {
      status: 403,
      body: { status: "error", category: "FORBIDDEN", message: "requires Enterprise" },
    });

    await app.pipeline.scheduler.run("poll-web-events");

    expect((await app.sourceStatus.problems(PORTAL)).event_analytics).toMatchObject({
      kind: "needs_enterprise",
    });
    const cursor = await app.feeds.cursor(PORTAL, "web_events");
    expect(cursor?.portalWideRefused).toBeUndefined();
    expect(cursor?.lastError).toMatchObject({ code: "forbidden", atMs: T0 });
    expect(cursor?.lastSuccessMs).toBeNull();
  });
});
