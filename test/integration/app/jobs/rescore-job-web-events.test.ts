import nock from "nock";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseDefinition } from "../../../../src/scoring/index.js";
import { prepareEnableJob } from "../../../fixtures/app/run-enable-job.js";
import { mockPortalWebEvents } from "../../../fixtures/hubspot/mock-portal-web-events.js";
import { T0 } from "../../../fixtures/installation.js";
import { mockAcmeFeedWorld } from "../../../fixtures/pipeline/mock-feed-world.js";
import { allowOnlyLocalhost } from "../../../support/allow-only-localhost.js";

// An enable job reads the web events its score counts portal-wide before it rescores (docs/decisions.md
// §Web events feed): its values hold the CTA points at once, with no event analytics call per contact,
// and a refused portal-wide read leaves the job to read each contact's events.

const PORTAL = 62515;
const DAY_MS = 86_400_000;

allowOnlyLocalhost();

const ctaScore = parseDefinition({
  id: "cta",
  name: "CTA clicks",
  object: "contacts",
  type: "engagement",
  status: "enabled",
  property: { name: "ls_cta" },
  groups: [{ name: "Web", kind: "engagement", rules: [{ event: "cta_click", points: 10 }] }],
});

beforeEach(() => nock.cleanAll());
afterEach(() => nock.cleanAll());

async function enable(refuse?: Parameters<typeof mockPortalWebEvents>[2]) {
  const { clock, feeds, run } = await prepareEnableJob(PORTAL, ctaScore);
  const world = mockAcmeFeedWorld(() => clock.nowMs, { "1": "ann@acme.test", "2": "bo@acme.test" });
  const calls: string[] = [];
  const at = new Date(T0 - 3 * DAY_MS).toISOString();
  mockPortalWebEvents(calls, () => [{ id: "c1", contactId: "1", at }], refuse);
  await run();
  const reads = calls.filter((p) => p.startsWith("/events/v3/events/?"));
  return { world, feeds, reads };
}

it("reads the CTA clicks portal-wide before rescoring: each contact's points at once, no call per contact", async () => {
  const { world, feeds, reads } = await enable();
  expect(world.written("contacts", "1", "ls_cta")).toBe("10");
  expect(world.written("contacts", "2", "ls_cta")).toBe("0");
  expect(reads).toHaveLength(1);
  expect(reads[0]).not.toContain("objectId");
  expect((await feeds.cursor(PORTAL, "web_events"))?.sinceMs).toBe(T0);
});

it("reads each contact's clicks when HubSpot refuses the portal-wide read", async () => {
  const { world, feeds, reads } = await enable({
    status: 400,
    body: { status: "error", category: "VALIDATION_ERROR", message: "objectId is required" },
  });
  expect((await feeds.cursor(PORTAL, "web_events"))?.portalWideRefused?.message).toContain("objectId");
  expect(reads.filter((p) => p.includes("objectId=")).length).toBe(2);
  expect(world.written("contacts", "1", "ls_cta")).toBe("10");
});
