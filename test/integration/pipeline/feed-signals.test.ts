import nock from "nock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseDefinition, type ScoreDefinition } from "../../../src/scoring/index.js";
import { HUBSPOT } from "../../fixtures/hubspot/create-test-crm-client.js";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import {
  createDummyGenericEvent,
  createDummyPropertyChange,
  T0,
} from "../../fixtures/hubspot/webhook-payloads.js";
import { mockFeedWorld } from "../../fixtures/pipeline/mock-feed-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// Roll-up properties as signals of the portal-wide feeds (docs/decisions.md §Portal-wide feeds): a
// contact's last open date webhook reads that contact's email events at once and rescores it; a
// conversion runs the forms poll at once. Signed deliveries through the real webhook route and worker.

const PORTAL = 62515;
/** The portal granted the feeds' optional scopes. */
const feedScopes = ["oauth", "crm.objects.contacts.read", "content", "forms"];
const minute = 60_000;
const clock = { nowMs: T0 };
let portal: ReturnType<typeof mockFeedWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;
let eventId = 1;

allowOnlyLocalhost();

const score = (): ScoreDefinition =>
  parseDefinition({
    id: "contact-feeds",
    name: "Contact feeds",
    object: "contacts",
    type: "engagement",
    status: "enabled",
    property: { name: "ls_feeds" },
    groups: [
      {
        name: "Marketing",
        kind: "engagement",
        rules: [
          { event: "marketing_email_open", points: 5 },
          { event: "form_submission", points: 20 },
        ],
      },
    ],
  });

const signal = (propertyName: string, objectId = 1) =>
  createDummyGenericEvent({
    eventId: eventId++,
    objectId,
    objectTypeId: "0-1",
    propertyName,
    propertyValue: String(T0),
  });

beforeEach(async () => {
  clock.nowMs = T0;
  portal = mockFeedWorld(() => clock.nowMs, { "1": "ann@acme.test", "2": "bo@acme.test" });
  app = await startPipelineApp({ portalId: PORTAL, definitions: [score()], clock, scopes: feedScopes });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("feed signals", () => {
  it("reads one contact's email events when its last open date changes, and rescores it", async () => {
    const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
    clock.nowMs = T0 - minute;
    portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
    portal.feeds.sendMarketingEmailEvent({ recipient: "bo@acme.test", campaignId, type: "OPEN" });
    clock.nowMs = T0;

    expect(
      (await app.deliver([signal("hs_email_last_open_date"), signal("hs_email_last_click_date")])).status,
    ).toBe(200);
    await app.pipeline.worker.drain();

    const reads = portal.feedCalls("GET /email/public/v1/events");
    expect(reads).toHaveLength(1);
    expect(new URL(reads[0] ?? "", HUBSPOT).searchParams.get("recipient")).toBe("ann@acme.test");
    expect(portal.written("contacts", "1", "ls_feeds")).toBe("5");
    expect(portal.written("contacts", "2", "ls_feeds")).toBeUndefined();
  });

  it("completes a signal whose feed HubSpot refuses (403) without rescoring", async () => {
    portal.feeds.refuse(403, buildErrorBody(403, "missing scopes", { category: "MISSING_SCOPES" }));
    await app.deliver([signal("hs_email_last_open_date")]);
    await app.pipeline.worker.drain();
    expect(portal.written("contacts", "1", "ls_feeds")).toBeUndefined();
    expect(await app.inbox.counts()).toMatchObject({ pending: 0, parked: 0 });
  });

  it("runs the forms poll when a contact converts", async () => {
    const form = portal.feeds.createForm("Contact us");
    clock.nowMs = T0 - minute;
    portal.feeds.submitForm(form, {
      pageUrl: "https://acme.test/contact",
      values: { email: "bo@acme.test" },
    });
    clock.nowMs = T0;
    await app.deliver([signal("recent_conversion_date", 2), signal("num_conversion_events", 2)]);
    await app.pipeline.worker.drain();
    // The worker asked for the poll and went on; the poll, asked twice, runs once.
    await vi.waitFor(() => expect(portal.written("contacts", "2", "ls_feeds")).toBe("20"));
    expect(portal.feedCalls("GET /form-integrations/v1/submissions/forms/")).toHaveLength(1);
  });
});

describe("a contact's stored feed events", () => {
  const submission = (key: string) => ({
    key,
    type: "form_submission",
    occurredAt: new Date(T0 - minute).toISOString(),
    properties: { form_id: "g-1", form_name: "Contact us", page_url: "https://acme.test/" },
  });

  it("go with the contact on contact.privacyDeletion", async () => {
    await app.feeds.add(
      PORTAL,
      "form_submissions",
      new Map([
        ["1", [submission("c-1")]],
        ["2", [submission("c-2")]],
      ]),
    );
    await app.deliver([
      createDummyPropertyChange({ eventId: eventId++, eventType: "contact.privacyDeletion", objectId: 1 }),
    ]);
    await app.pipeline.worker.drain();
    expect([...(await app.feeds.events(PORTAL, ["1", "2"])).keys()]).toEqual(["2"]);
  });

  it("move to the survivor of a merge, which is rescored with them", async () => {
    await app.feeds.add(PORTAL, "form_submissions", new Map([["2", [submission("c-2")]]]));
    const click = {
      key: "e_clicked_cta:w-2",
      type: "cta_click",
      occurredAt: new Date(T0 - minute).toISOString(),
      properties: {},
    };
    await app.feeds.add(PORTAL, "web_events", new Map([["2", [click]]]));
    await app.deliver([
      createDummyPropertyChange({
        eventId: eventId++,
        eventType: "contact.merge",
        objectId: 1,
        primaryObjectId: 1,
        mergedObjectIds: [2],
        newObjectId: 1,
      }),
    ]);
    await app.pipeline.worker.drain();
    const held = await app.feeds.events(PORTAL, ["1", "2"]);
    expect(
      held
        .get("1")
        ?.map((e) => e.key)
        .sort(),
    ).toEqual(["c-2", "e_clicked_cta:w-2"]);
    expect(held.has("2")).toBe(false);
    expect(portal.written("contacts", "1", "ls_feeds")).toBe("20");
  });
});
