import { Keyv } from "keyv";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createKeyvOAuthStateStore } from "../../../src/adapters/stores/keyv-oauth-state-store.js";
import { composeDoor } from "../../../src/compose/compose-door.js";
import { composeOAuth } from "../../../src/compose/compose-oauth.js";
import { createLogger } from "../../../src/logger.js";
import { loadHubSpotModeConfig } from "../../fixtures/hubspot-mode-config.js";
import {
  createMemoryInstallationStore,
  createTestCipher,
  T0,
  TEST_KEY,
} from "../../fixtures/installation.js";

// compose-app.ts builds the door first and hands its authorize() and an onInstalled hook to composeOAuth,
// so the install routes, the jobs and the CLI share one refresh per portal.

const API = "https://api.hubapi.com";
const config = loadHubSpotModeConfig({
  HUBSPOT_CLIENT_ID: "cid",
  HUBSPOT_CLIENT_SECRET: "csecret",
  PUBLIC_BASE_URL: "https://ls.example.com",
  ENCRYPTION_KEY: TEST_KEY,
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("composeOAuth with the door", () => {
  it("uses the door's authorize() and runs onInstalled after the install, returning its notes", async () => {
    const deps = {
      store: createMemoryInstallationStore(),
      cipher: createTestCipher(),
      logger: createLogger("silent"),
      now: () => T0,
    };
    const door = composeDoor({ config, installations: deps.store, ...deps });
    const installed: number[] = [];
    const parts = composeOAuth(config, {
      ...deps,
      states: createKeyvOAuthStateStore(new Keyv(), () => T0),
      authorize: door.authorize,
      onInstalled: async (portalId) => {
        installed.push(portalId);
        return ["properties pending"];
      },
    });
    expect(parts.authorize).toBe(door.authorize);
    const scope = nock(API)
      .post("/oauth/2026-03/token")
      .reply(200, { token_type: "bearer", access_token: "at-1", refresh_token: "rt-1", expires_in: 1800 })
      .post("/oauth/2026-03/token/introspect")
      .reply(200, { active: true, hub_id: 62515, app_id: 7, scopes: ["oauth"] });
    const result = await parts.routes.install("code-1");
    scope.done();
    expect(installed).toEqual([62515]);
    expect(result?.notes).toEqual(["properties pending"]);
    expect(await door.authorize(62515)).toBe("at-1");
  });
});
