import nock from "nock";
import { beforeAll } from "vitest";
import { createTestCrmClient } from "../../fixtures/hubspot/create-test-crm-client.js";
import { defineDoorContract } from "./define-door-contract.js";
import { mockTinyWorld } from "./nock-tiny-world.js";

// The door contract against nock: HubSpot's documented answers, scripted over the tiny world.

beforeAll(() => nock.disableNetConnect());

defineDoorContract({
  name: "nock fixtures",
  async start() {
    const world = mockTinyWorld();
    return {
      client: createTestCrmClient({ ratePer10s: 1_000 }).client,
      ids: world.ids,
      completedCallbacks: async () => world.callbacks,
      close: async () => {
        nock.cleanAll();
      },
    };
  },
});
