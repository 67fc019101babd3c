import nock from "nock";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { rapidRetryPolicy } from "../../../src/adapters/hubspot-client/retry-policy.js";
import { tokenContext } from "../../../src/app/seal-grant.js";
import { composeDoor } from "../../../src/compose/compose-door.js";
import { loadConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";
import {
  createDummyInstallation,
  createMemoryInstallationStore,
  createTestCipher,
  T0,
  TEST_KEY,
} from "../../fixtures/installation.js";

// The door as main.ts and the CLI build it: authorize() from the installation store, one paced
// CRM client per portal against HUBSPOT_API_BASE_URL. HubSpot is nock (docs/hubspot.md §Testing against HubSpot).

const API = "https://api.example-hubspot.test";
const PORTAL = 62515;

function doorFor(env: Record<string, string> = {}) {
  const config = loadConfig({
    HUBSPOT_CLIENT_ID: "cid",
    HUBSPOT_CLIENT_SECRET: "csecret",
    PUBLIC_BASE_URL: "https://ls.example.com",
    ENCRYPTION_KEY: TEST_KEY,
    HUBSPOT_API_BASE_URL: API,
    ...env,
  });
  const installations = createMemoryInstallationStore();
  const clock = { nowMs: T0 };
  const door = composeDoor({
    config,
    installations,
    logger: createLogger("silent"),
    cipher: createTestCipher(),
    now: () => clock.nowMs,
    pacing: { policy: rapidRetryPolicy, sleep: async () => {}, random: () => 0.5 },
  });
  return { door, installations, clock };
}

const emptyPage = { results: [] };
const listQuery = { limit: "100", properties: "hs_object_id", archived: "false" };

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  vi.useRealTimers();
  nock.cleanAll();
});

describe("composeDoor", () => {
  it("calls HUBSPOT_API_BASE_URL with the portal's stored access token and keeps one client per portal", async () => {
    const { door, installations } = doorFor();
    await installations.save(createDummyInstallation({ portalId: PORTAL, accessToken: "at-stored" }));
    const scope = nock(API, { reqheaders: { authorization: "Bearer at-stored" } })
      .get("/crm/v3/objects/contacts")
      .query(listQuery)
      .reply(200, emptyPage);
    expect(await door.crmFor(PORTAL).listRecordIds("contacts", null)).toEqual({ ids: [], after: null });
    expect(door.crmFor(PORTAL)).toBe(door.crmFor(PORTAL));
    expect(door.crmFor(PORTAL).portalId).toBe(String(PORTAL));
    scope.done();
  });

  it("refreshes a token about to expire through authorize() before the CRM call", async () => {
    const { door, installations, clock } = doorFor();
    await installations.save(createDummyInstallation({ portalId: PORTAL, refreshToken: "rt-1" }));
    clock.nowMs = T0 + 29 * 60 * 1000;
    const scope = nock(API)
      .post("/oauth/2026-03/token", {
        grant_type: "refresh_token",
        refresh_token: "rt-1",
        client_id: "cid",
        client_secret: "csecret",
      })
      .reply(200, { token_type: "bearer", access_token: "at-new", refresh_token: "rt-2", expires_in: 1800 })
      .get("/crm/v3/objects/deals")
      .query(listQuery)
      .matchHeader("authorization", "Bearer at-new")
      .reply(200, emptyPage);
    await door.crmFor(PORTAL).listRecordIds("deals", null);
    scope.done();
    const saved = await installations.get(PORTAL);
    expect(createTestCipher().open(saved?.refreshTokenSealed as string, tokenContext(PORTAL))).toBe("rt-2");
  });

  it("refuses a disconnected portal with code disconnected and sends nothing to HubSpot", async () => {
    const { door, installations } = doorFor();
    await installations.save(
      createDummyInstallation({
        portalId: PORTAL,
        status: "disconnected",
        disconnectReason: "invalid_grant",
      }),
    );
    await expect(door.crmFor(PORTAL).readRecords("contacts", ["1"], [])).rejects.toMatchObject({
      code: "disconnected",
      details: { portalId: PORTAL, reason: "invalid_grant" },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("paces each portal at HUBSPOT_RATE_LIMIT_PER_10S", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { door, installations } = doorFor({ HUBSPOT_RATE_LIMIT_PER_10S: "2" });
    await installations.save(createDummyInstallation({ portalId: PORTAL, expiresAtMs: T0 + 86_400_000 }));
    // A request starts when the queue runs it, and it first asks authorize() for the token, which
    // reads the installation: those moments are the starts HubSpot's window counts.
    const starts: number[] = [];
    const get = installations.get.bind(installations);
    installations.get = (portalId) => {
      starts.push(Date.now());
      return get(portalId);
    };
    nock(API).get("/crm/v3/objects/contacts").query(listQuery).times(3).reply(200, emptyPage);
    const crm = door.crmFor(PORTAL);
    let finished = 0;
    const all = Promise.all(
      [1, 2, 3].map(() => crm.listRecordIds("contacts", null).finally(() => finished++)),
    );
    while (finished < 3) {
      if (starts.length > finished) await new Promise((resolve) => setImmediate(resolve));
      else await vi.advanceTimersByTimeAsync(100);
    }
    await all;
    const [first = 0, second = 0, third = 0] = starts;
    expect(second - first).toBeLessThan(10_000);
    expect(third - first).toBeGreaterThanOrEqual(10_000);
  });

  it("works in sandbox mode until a token needs a refresh, then says why it cannot", async () => {
    const config = loadConfig({ ENCRYPTION_KEY: TEST_KEY, HUBSPOT_API_BASE_URL: API });
    const installations = createMemoryInstallationStore();
    await installations.save(createDummyInstallation({ portalId: PORTAL }));
    const door = composeDoor({
      config,
      installations,
      logger: createLogger("silent"),
      now: () => T0 + 29 * 60 * 1000,
    });
    await expect(door.authorize(PORTAL)).rejects.toMatchObject({
      code: "unauthorized",
      message: expect.stringContaining("HUBSPOT_CLIENT_ID"),
    });
    expect((await installations.get(PORTAL))?.status).toBe("connected");
  });
});
