import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDefinition, type ScoreDefinition } from "../../../src/scoring/index.js";
import { T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { mockAcmeFeedWorld } from "../../fixtures/pipeline/mock-feed-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// The form submissions poller (docs/decisions.md §Portal-wide feeds): every form's recent submissions,
// newest first, given to the contacts holding the submitted email, and the records they move rescored.

const PORTAL = 62515;
/** The portal granted the feeds' optional scopes. */
const feedScopes = ["oauth", "crm.objects.contacts.read", "content", "forms"];
const day = 86_400_000;
const clock = { nowMs: T0 };
let portal: ReturnType<typeof mockAcmeFeedWorld>;
let app: Awaited<ReturnType<typeof startPipelineApp>>;

allowOnlyLocalhost();

const formScore = (): ScoreDefinition =>
  parseDefinition({
    id: "company-forms",
    name: "Company forms",
    object: "companies",
    type: "engagement",
    status: "enabled",
    property: { name: "ls_company_forms" },
    groups: [
      {
        name: "Forms",
        kind: "engagement",
        rules: [
          {
            event: "form_submission",
            points: 20,
            where: [{ property: "form_name", operator: "in", values: ["Contact us"] }],
            timeframe: { within: { amount: 7, unit: "days" } },
          },
        ],
      },
    ],
  });

const callScore = (): ScoreDefinition =>
  parseDefinition({
    id: "calls",
    name: "Calls",
    object: "contacts",
    type: "engagement",
    status: "enabled",
    property: { name: "ls_calls" },
    groups: [{ name: "Calls", kind: "engagement", rules: [{ event: "call", points: 1 }] }],
  });

async function start(definitions: ScoreDefinition[], scopes = feedScopes) {
  app = await startPipelineApp({ portalId: PORTAL, definitions, clock, scopes });
}

beforeEach(() => {
  clock.nowMs = T0;
  portal = mockAcmeFeedWorld(() => clock.nowMs, { "1": "ann@acme.test", "2": "bo@acme.test" });
});
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

describe("form submissions poller", () => {
  it("reads every form's recent submissions, stops at the first older than the window, and rescores the contacts' companies", async () => {
    await start([formScore()]);
    const contactUs = portal.feeds.createForm("Contact us");
    const newsletter = portal.feeds.createForm("Newsletter");
    clock.nowMs = T0 - 10 * day;
    portal.feeds.submitForm(contactUs, {
      pageUrl: "https://acme.test/old",
      values: { email: "ann@acme.test" },
    });
    clock.nowMs = T0 - day;
    portal.feeds.submitForm(contactUs, {
      pageUrl: "https://acme.test/contact",
      values: { email: "ann@acme.test" },
    });
    portal.feeds.submitForm(contactUs, {
      pageUrl: "https://acme.test/contact",
      values: { firstname: "Nobody" },
    });
    portal.feeds.submitForm(newsletter, {
      pageUrl: "https://acme.test/blog",
      values: { email: "bo@acme.test" },
    });
    clock.nowMs = T0;

    await app.pipeline.scheduler.run("poll-form-submissions");

    const held = await app.feeds.events(PORTAL, ["1", "2"]);
    expect(held.get("1")).toEqual([
      {
        key: expect.any(String),
        type: "form_submission",
        occurredAt: new Date(T0 - day).toISOString(),
        properties: { form_id: contactUs, form_name: "Contact us", page_url: "https://acme.test/contact" },
      },
    ]);
    expect(held.get("2")?.map((e) => e.properties.form_name)).toEqual(["Newsletter"]);
    expect(portal.written("companies", "5", "ls_company_forms")).toBe("20");
    expect(portal.written("contacts", "1", "ls_company_forms")).toBeUndefined();
    expect(await app.feeds.cursor(PORTAL, "email_events")).toBeUndefined();
  });

  it("polls nothing for a portal that declined the forms scope: it would only be refused", async () => {
    await start([formScore()], ["oauth", "crm.objects.contacts.read", "content"]);
    portal.feeds.createForm("Contact us");
    await app.pipeline.scheduler.run("poll-form-submissions");
    expect(portal.feedCalls("GET /")).toEqual([]);
    expect(await app.feeds.cursor(PORTAL, "form_submissions")).toBeUndefined();
  });

  it("polls nothing for a portal whose scores read neither feed", async () => {
    await start([callScore()]);
    await app.pipeline.scheduler.run("poll-form-submissions");
    expect(portal.feedCalls("GET /")).toEqual([]);
    expect(await app.feeds.cursor(PORTAL, "form_submissions")).toBeUndefined();
  });
});
