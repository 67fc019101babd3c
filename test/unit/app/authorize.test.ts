import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubSpotOAuthClient } from "../../../src/adapters/hubspot-client/oauth-client.js";
import { createAuthorize, REFRESH_MARGIN_MS } from "../../../src/app/authorize.js";
import { tokenContext } from "../../../src/app/seal-grant.js";
import { AppError } from "../../../src/errors.js";
import {
  createDummyInstallation,
  createMemoryInstallationStore,
  createTestCipher,
  T0,
} from "../../fixtures/installation.js";

const API = "https://api.hubapi.com";
const EXPIRES = T0 + 30 * 60 * 1000;
const REFRESH_BODY = {
  grant_type: "refresh_token",
  refresh_token: "rt-initial",
  client_id: "client-id-1",
  client_secret: "client-secret-1",
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function setup(nowMs: number) {
  const store = createMemoryInstallationStore();
  const clock = { nowMs };
  const warnings: string[] = [];
  const authorize = createAuthorize({
    store,
    oauth: createHubSpotOAuthClient({
      clientId: "client-id-1",
      clientSecret: "client-secret-1",
      apiBaseUrl: API,
      tokenVersion: "2026-03",
    }),
    cipher: createTestCipher(),
    now: () => clock.nowMs,
    logger: { info: () => {}, warn: (_o: object, msg: string) => warnings.push(msg) } as never,
  });
  return { store, clock, authorize, warnings };
}

describe("authorize(portalId)", () => {
  it("returns the stored access token while it is valid for more than the margin, without calling HubSpot", async () => {
    const { store, authorize } = setup(EXPIRES - REFRESH_MARGIN_MS - 1);
    await store.save(createDummyInstallation());
    expect(await authorize(62515)).toBe("at-initial");
  });

  it("refreshes within the margin before expiry and stores the new sealed tokens and expiry", async () => {
    const now = EXPIRES - REFRESH_MARGIN_MS;
    const { store, authorize } = setup(now);
    await store.save(createDummyInstallation());
    const scope = nock(API)
      .post("/oauth/2026-03/token", REFRESH_BODY)
      .reply(200, { token_type: "bearer", access_token: "at-2", refresh_token: "rt-2", expires_in: 1800 });

    expect(await authorize(62515)).toBe("at-2");
    scope.done();
    const saved = await store.get(62515);
    const cipher = createTestCipher();
    expect(saved?.expiresAtMs).toBe(now + 1_800_000);
    expect(cipher.open(saved?.accessTokenSealed as string, tokenContext(62515))).toBe("at-2");
    expect(cipher.open(saved?.refreshTokenSealed as string, tokenContext(62515))).toBe("rt-2");
    expect(saved?.status).toBe("connected");
    // The next call inside the new validity window uses the stored token.
    expect(await authorize(62515)).toBe("at-2");
  });

  it("shares one refresh between concurrent callers of the same portal", async () => {
    const { store, authorize } = setup(EXPIRES + 1);
    await store.save(createDummyInstallation());
    const scope = nock(API)
      .post("/oauth/2026-03/token", REFRESH_BODY)
      .once()
      .reply(200, { access_token: "at-2", refresh_token: "rt-2", expires_in: 1800 });
    expect(await Promise.all([authorize(62515), authorize(62515), authorize(62515)])).toEqual([
      "at-2",
      "at-2",
      "at-2",
    ]);
    scope.done();
  });

  it("marks the portal disconnected on invalid_grant and throws AppError disconnected", async () => {
    const { store, clock, authorize, warnings } = setup(EXPIRES + 1);
    await store.save(createDummyInstallation());
    const scope = nock(API)
      .post("/oauth/2026-03/token", REFRESH_BODY)
      .reply(400, { error: "invalid_grant", error_description: "missing or invalid refresh token" });

    const error = await authorize(62515).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("disconnected");
    scope.done();
    expect(await store.get(62515)).toMatchObject({
      status: "disconnected",
      disconnectReason: "invalid_grant",
      disconnectedAtMs: clock.nowMs,
    });
    expect(warnings).toEqual(["HubSpot refused the refresh token: portal marked disconnected"]);
    // Later calls fail fast without asking HubSpot again (nock would reject an unmatched call).
    await expect(authorize(62515)).rejects.toMatchObject({ code: "disconnected" });
  });

  it("keeps the portal connected when the refresh fails for another reason", async () => {
    const { store, authorize } = setup(EXPIRES + 1);
    await store.save(createDummyInstallation());
    const scope = nock(API).post("/oauth/2026-03/token", REFRESH_BODY).reply(502, { message: "bad gateway" });
    await expect(authorize(62515)).rejects.toMatchObject({ code: "upstream_failed" });
    scope.done();
    expect((await store.get(62515))?.status).toBe("connected");
  });

  it("throws not_found for a portal that never installed", async () => {
    const { authorize } = setup(T0);
    await expect(authorize(404)).rejects.toMatchObject({ code: "not_found" });
  });
});
