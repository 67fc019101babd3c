import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDefinition, type ScoreDefinition } from "../../../src/scoring/index.js";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import { T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { mockAcmeFeedWorld } from "../../fixtures/pipeline/mock-feed-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// The portal-wide feeds' pollers (docs/decisions.md §Portal-wide feeds), driven by calling their
// scheduled tasks with an injected clock, over HubSpot played by nock and a real SQLite feed store:
// backfill, overlap and dedupe, addresses mapped to contacts, the cursor kept on failure, and the
// records rescored.

const PORTAL = 62515;
/** The portal granted the feeds' optional scopes. */
const feedScopes = ["oauth", "crm.objects.contacts.read", "content", "forms"];
const minute = 60_000;
const day = 86_400_000;
const clock = { nowMs: T0 };
let portal: ReturnType<typeof mockAcmeFeedWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;

allowOnlyLocalhost();

const emailScore = (): ScoreDefinition =>
  parseDefinition({
    id: "email-engagement",
    name: "Email engagement",
    object: "contacts",
    type: "engagement",
    status: "enabled",
    property: { name: "ls_email" },
    groups: [
      {
        name: "Email",
        kind: "engagement",
        rules: [
          { event: "marketing_email_open", points: 5, timeframe: { within: { amount: 30, unit: "days" } } },
          {
            event: "marketing_email_click",
            points: 10,
            where: [{ property: "url", operator: "containsAny", values: ["pricing"] }],
          },
        ],
      },
    ],
  });

async function start(definitions: ScoreDefinition[], scopes = feedScopes) {
  app = await startPipelineApp({ portalId: PORTAL, definitions, clock, scopes });
}

beforeEach(() => {
  clock.nowMs = T0;
  portal = mockAcmeFeedWorld(() => clock.nowMs, {
    "1": "ann@acme.test",
    "2": "bo@acme.test",
    "3": "BO@acme.test",
  });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("email events poller", () => {
  it("backfills the longest timeframe on its first run, gives each event to every contact holding the address, and rescores them", async () => {
    await start([emailScore()]);
    const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
    clock.nowMs = T0 - 40 * day;
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
    clock.nowMs = T0 - 2 * day;
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
    portal.feeds.sendMarketingEmailEvent({
      recipient: "bo@acme.test",
      campaignId,
      type: "CLICK",
      url: "https://acme.test/pricing",
    });
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "SENT" });
    clock.nowMs = T0;

    await app.pipeline.scheduler.run("poll-email-events");

    // No rule without a timeframe: the backfill is the open rule's 30 days... and the click rule has
    // none, so a year: the 40-day-old open is read too, and counts nothing past its 30 days.
    const [read] = portal.feedCalls("GET /email/public/v1/events");
    expect(new URL(read ?? "", HUBSPOT).searchParams.get("startTimestamp")).toBe(String(T0 - 365 * day));
    const held = await app.feeds.events(PORTAL, ["1", "2", "3"]);
    expect(held.get("1")?.map((e) => e.type)).toEqual(["marketing_email_open", "marketing_email_open"]);
    expect(held.get("2")).toEqual([
      {
        key: expect.any(String),
        type: "marketing_email_click",
        occurredAt: new Date(T0 - 2 * day).toISOString(),
        properties: {
          campaign: campaignId,
          campaign_name: "Launch",
          email_name: "Launch",
          subject: "We launched",
          url: "https://acme.test/pricing",
        },
      },
    ]);
    expect(held.get("3")).toEqual(held.get("2"));
    expect(portal.written("contacts", "1", "ls_email")).toBe("5");
    expect(portal.written("contacts", "2", "ls_email")).toBe("10");
    expect(portal.written("contacts", "3", "ls_email")).toBe("10");
    expect(portal.feedCalls("GET /email/public/v1/campaigns/")).toHaveLength(1);
    expect(await app.feeds.cursor(PORTAL, "email_events")).toEqual({
      sinceMs: T0,
      fromMs: T0 - 365 * day,
      recentKeys: [],
      lastError: null,
      lastSuccessMs: T0,
    });
  });

  it("reads again from its cursor less the overlap, stores a late-logged event once, and rescores only whom it changed", async () => {
    await start([emailScore()]);
    const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
    await app.pipeline.scheduler.run("poll-email-events");
    portal.crm.clear();

    // Logged 5 minutes before the first poll, but in the log only after it (eventual consistency).
    clock.nowMs = T0 - 5 * minute;
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
    clock.nowMs = T0 + minute;
    portal.clearFeedCalls();
    await app.pipeline.scheduler.run("poll-email-events");
    const [read] = portal.feedCalls("GET /email/public/v1/events");
    expect(new URL(read ?? "", HUBSPOT).searchParams.get("startTimestamp")).toBe(String(T0 - 10 * minute));
    expect(portal.written("contacts", "1", "ls_email")).toBe("5");

    // The next poll reads it again (its window starts 10 minutes back): stored once, nobody rescored.
    portal.crm.clear();
    clock.nowMs = T0 + 2 * minute;
    await app.pipeline.scheduler.run("poll-email-events");
    expect((await app.feeds.events(PORTAL, ["1"])).get("1")).toHaveLength(1);
    expect(portal.crm.paths()).not.toContain("POST /crm/v3/objects/contacts/batch/update");
  });

  it("keeps an event whose address no contact holds aside, and gives it to the contact created with it later", async () => {
    await start([emailScore()]);
    const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
    portal.feeds.sendMarketingEmailEvent({ recipient: "new@acme.test", campaignId, type: "OPEN" });
    clock.nowMs = T0 + minute;
    await app.pipeline.scheduler.run("poll-email-events");
    expect(await app.feeds.pending(PORTAL, "email_events")).toHaveLength(1);

    portal.world.objects.contacts = { ...portal.world.objects.contacts, "4": { email: "new@acme.test" } };
    clock.nowMs = T0 + 20 * minute;
    await app.pipeline.scheduler.run("poll-email-events");
    expect((await app.feeds.events(PORTAL, ["4"])).get("4")?.map((e) => e.type)).toEqual([
      "marketing_email_open",
    ]);
    expect(await app.feeds.pending(PORTAL, "email_events")).toEqual([]);
    expect(portal.written("contacts", "4", "ls_email")).toBe("5");
  });

  it("gives an address's new events to the contact holding it now, after an email change", async () => {
    await start([emailScore()]);
    const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
    clock.nowMs = T0 + minute;
    await app.pipeline.scheduler.run("poll-email-events");
    // Ann's address moves to contact 2 (Ann changed hers; 2 took it).
    portal.world.objects.contacts = {
      ...portal.world.objects.contacts,
      "1": { email: "ann@new.test" },
      "2": { email: "ann@acme.test" },
    };
    clock.nowMs = T0 + 20 * minute;
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
    clock.nowMs = T0 + 21 * minute;
    await app.pipeline.scheduler.run("poll-email-events");
    const held = await app.feeds.events(PORTAL, ["1", "2"]);
    expect(held.get("1")?.map((e) => e.occurredAt)).toEqual([new Date(T0).toISOString()]);
    expect(held.get("2")?.map((e) => e.occurredAt)).toEqual([new Date(T0 + 20 * minute).toISOString()]);
  });

  it("keeps its cursor and records the error when HubSpot refuses (403), then catches up when it answers again", async () => {
    await start([emailScore()]);
    await app.pipeline.scheduler.run("poll-email-events");
    const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
    clock.nowMs = T0 + minute;
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });

    portal.feeds.refuse(
      403,
      buildErrorBody(403, "This app hasn't been granted all required scopes", { category: "MISSING_SCOPES" }),
    );
    clock.nowMs = T0 + 5 * minute;
    await app.pipeline.scheduler.run("poll-email-events");
    expect(await app.feeds.cursor(PORTAL, "email_events")).toEqual({
      sinceMs: T0,
      fromMs: T0 - 365 * day,
      recentKeys: [],
      lastError: { atMs: T0 + 5 * minute, code: "forbidden", message: expect.stringContaining("403") },
      lastSuccessMs: T0,
    });
    expect(portal.written("contacts", "1", "ls_email")).toBeUndefined();
    expect(await app.sourceStatus.problems(PORTAL)).toEqual({
      marketing_email_events: {
        kind: "failing",
        message: expect.stringContaining("403"),
        atMs: T0 + 5 * minute,
      },
    });

    portal.feeds.answerAgain();
    clock.nowMs = T0 + 30 * minute;
    await app.pipeline.scheduler.run("poll-email-events");
    expect(portal.written("contacts", "1", "ls_email")).toBe("5");
    expect(await app.feeds.cursor(PORTAL, "email_events")).toMatchObject({
      sinceMs: T0 + 30 * minute,
      lastError: null,
      lastSuccessMs: T0 + 30 * minute,
    });
    expect(await app.sourceStatus.problems(PORTAL)).toEqual({});
  });
});
