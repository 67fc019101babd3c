import nock from "nock";
import { afterEach, expect, it } from "vitest";
import { createLocalRecordLocks } from "../../../src/adapters/coordination/local-record-locks.js";
import { recordKey } from "../../../src/app/rescore/record-key.js";
import type { RecordLocks } from "../../../src/ports/cluster-locks.js";
import { parseDefinition } from "../../../src/scoring/index.js";
import { T0 } from "../../fixtures/hubspot/webhook-payloads.js";
import { mockAcmeFeedWorld } from "../../fixtures/pipeline/mock-feed-world.js";
import { startPipelineApp } from "../../fixtures/pipeline/start-pipeline-app.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";

// A feed poll stores a contact's new events while another rescore holds that contact (a webhook's,
// which read the store a moment too early): the poll rescores the contact once it is free, so the
// events count now rather than at the contact's next rescore (docs/decisions.md §Portal-wide feeds).

const PORTAL = 62515;
const clock = { nowMs: T0 };
let app: Awaited<ReturnType<typeof startPipelineApp>>;

allowOnlyLocalhost();
afterEach(async () => {
  await app.close();
  nock.cleanAll();
});

const opens = parseDefinition({
  id: "email-engagement",
  name: "Email engagement",
  object: "contacts",
  type: "engagement",
  status: "enabled",
  property: { name: "ls_email" },
  groups: [{ name: "Email", kind: "engagement", rules: [{ event: "marketing_email_open", points: 5 }] }],
});

it("rescores a contact another rescore held during the poll once it lets go, with the events just stored", async () => {
  const portal = mockAcmeFeedWorld(() => clock.nowMs, { "1": "ann@acme.test" });
  const locks = createLocalRecordLocks();
  const held = [recordKey(PORTAL, "contacts", "1")];
  expect(await locks.take(held, 60_000)).toEqual(held);
  // The other rescore lets go of contact 1 right after the poll first finds it busy.
  const recordLocks: RecordLocks = {
    async take(keys, ttlMs) {
      const taken = await locks.take(keys, ttlMs);
      if (keys.some((key) => held.includes(key) && !taken.includes(key))) await locks.release(held);
      return taken;
    },
    release: (keys) => locks.release(keys),
  };
  app = await startPipelineApp({
    portalId: PORTAL,
    definitions: [opens],
    clock,
    scopes: ["oauth", "crm.objects.contacts.read", "content"],
    recordLocks,
  });
  const campaignId = portal.feeds.createEmailCampaign({ name: "Launch", subject: "We launched" });
  portal.feeds.sendMarketingEmailEvent({ recipient: "ann@acme.test", campaignId, type: "OPEN" });

  await app.pipeline.scheduler.run("poll-email-events");

  expect((await app.feeds.events(PORTAL, ["1"])).get("1")).toHaveLength(1);
  expect(portal.written("contacts", "1", "ls_email")).toBe("5");
});
