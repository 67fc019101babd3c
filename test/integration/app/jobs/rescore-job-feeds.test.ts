import nock from "nock";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseDefinition } from "../../../../src/scoring/index.js";
import { prepareEnableJob } from "../../../fixtures/app/run-enable-job.js";
import { T0 } from "../../../fixtures/installation.js";
import { mockAcmeFeedWorld } from "../../../fixtures/pipeline/mock-feed-world.js";
import { allowOnlyLocalhost } from "../../../support/allow-only-localhost.js";

// An enable job reads the feeds its score reads before it rescores (docs/decisions.md §Portal-wide
// feeds): the values it writes already hold the marketing email points, and the feed's cursor is
// set, so the first poll reads on from there instead of rescoring every contact again.

const PORTAL = 62515;
const DAY_MS = 86_400_000;

allowOnlyLocalhost();

const emailScore = parseDefinition({
  id: "email-engagement",
  name: "Email engagement",
  object: "contacts",
  type: "engagement",
  status: "enabled",
  property: { name: "ls_email" },
  groups: [{ name: "Email", kind: "engagement", rules: [{ event: "marketing_email_open", points: 5 }] }],
});

beforeEach(() => nock.cleanAll());
afterEach(() => nock.cleanAll());

async function setUp(scopes: string[]) {
  const { clock, feeds, run } = await prepareEnableJob(PORTAL, emailScore, scopes);
  const world = mockAcmeFeedWorld(() => clock.nowMs, { "1": "ann@acme.test", "2": "bo@acme.test" });
  const campaignId = world.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
  clock.nowMs = T0 - 3 * DAY_MS;
  world.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
  world.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });
  clock.nowMs = T0;
  await run();
  return { world, feeds };
}

it("reads the email events log before rescoring, so the enable writes each contact's marketing points at once", async () => {
  const { world, feeds } = await setUp(["crm.objects.contacts.read", "oauth", "content"]);
  expect(world.written("contacts", "1", "ls_email")).toBe("10");
  expect(world.written("contacts", "2", "ls_email")).toBe("0");
  expect((await feeds.cursor(PORTAL, "email_events"))?.sinceMs).toBe(T0);
});

it("does not ask a portal that declined the content scope, and the enable still scores what it can", async () => {
  const { world, feeds } = await setUp(["crm.objects.contacts.read", "oauth"]);
  expect(world.feedCalls("GET /email/public/v1/events")).toEqual([]);
  expect(world.written("contacts", "1", "ls_email")).toBe("0");
  expect(await feeds.cursor(PORTAL, "email_events")).toBeUndefined();
});
