import nock from "nock";
import { beforeAll } from "vitest";
import { createTestCrmClient } from "../../fixtures/hubspot/create-test-crm-client.js";
import { defineDoorContract } from "./define-door-contract.js";
import { mockTinyWorld } from "./nock-tiny-world.js";

// The door contract against nock: HubSpot's documented answers, scripted over the tiny world. The
// door's pauses move the world's clock, as they move the sandbox's.

beforeAll(() => nock.disableNetConnect());

defineDoorContract({
  name: "nock fixtures",
  async start() {
    const world = mockTinyWorld();
    const { client, sleeps } = createTestCrmClient({ ratePer10s: 1_000, onSleep: world.advance });
    return {
      client,
      ids: world.ids,
      createEmailCampaign: async (campaign) => world.feeds.createEmailCampaign(campaign),
      sendMarketingEmailEvent: async (event) => world.feeds.sendMarketingEmailEvent(event),
      createForm: async (name) => world.feeds.createForm(name),
      submitForm: async (formId, submission) => world.feeds.submitForm(formId, submission),
      completedCallbacks: async () => world.callbacks,
      nowMs: async () => world.nowMs(),
      advanceClock: async (ms) => world.advance(ms),
      addDeals: async (count) => world.addDeals(count),
      calls: async (endpoint) => world.calls(endpoint),
      pauses: () => sleeps,
      close: async () => {
        nock.cleanAll();
      },
    };
  },
});
