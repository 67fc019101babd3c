import { readFileSync } from "node:fs";
import { Keyv } from "keyv";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHubSpotOAuthClient } from "../../src/adapters/hubspot-client/oauth-client.js";
import { createKeyvOAuthStateStore } from "../../src/adapters/stores/keyv-oauth-state-store.js";
import { AppError } from "../../src/errors.js";
import { signState } from "../../src/hubspot/oauth-state.js";
import type { OAuthClient } from "../../src/ports/oauth-client.js";
import { createBrowserClient } from "../fixtures/admin/browser-client.js";
import { type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { createDummyInstallation } from "../fixtures/installation.js";

// Sign-in 1 of docs/decisions.md §Admin sign-in: HubSpot's authorize flow, the session bound to the
// introspected hub.

const PORTAL = 62515;
const OTHER = 9;
let app: AdminApp | undefined;
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});
afterAll(() => nock.enableNetConnect());
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe("HubSpot OAuth sign-in", () => {
  const oauthClient = (hubId: number): OAuthClient => ({
    exchangeCode: async (code, redirectUri) => {
      expect(code).toBe("the-code");
      expect(redirectUri).toMatch(/\/admin\/oauth\/callback$/);
      return { accessToken: "at", refreshToken: "rt", expiresInSec: 1800 };
    },
    introspect: async () => ({ hubId, scopes: ["oauth"] }),
    refresh: async () => {
      throw new Error("not used");
    },
    revokeRefreshToken: async () => {},
  });
  async function withOAuth(hubId: number, client: OAuthClient = oauthClient(hubId)) {
    app = await startAdminApp({
      oauth: {
        client,
        clientId: "cid",
        stateSecret: "secret",
        authBaseUrl: "https://app.hubspot.com",
        // The states run on the app's wall clock, as compose-app.ts wires them.
        states: createKeyvOAuthStateStore(new Keyv(), () => (app as AdminApp).wallClock.nowMs),
      },
    });
    await app.installations.save(createDummyInstallation({ portalId: PORTAL }));
    await app.installations.save(createDummyInstallation({ portalId: OTHER }));
    const browser = createBrowserClient((app as AdminApp).base);
    const start = await browser.request("GET", "/admin/oauth/start");
    const location = new URL(start.headers.get("location") ?? "");
    return { browser, start, location, state: location.searchParams.get("state") ?? "" };
  }

  it("binds the session to the introspected hub", async () => {
    const { browser, location, state } = await withOAuth(OTHER);
    expect(location.origin + location.pathname).toBe("https://app.hubspot.com/oauth/authorize");
    expect(location.searchParams.get("redirect_uri")).toBe(`${(app as AdminApp).base}/admin/oauth/callback`);
    const res = await browser.request(
      "GET",
      `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(state)}`,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/admin/portals/${OTHER}`);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(200);
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(404);
  });

  it("refuses a hub where lead-score is not installed", async () => {
    const { browser, state } = await withOAuth(4242);
    const res = await browser.request(
      "GET",
      `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(state)}`,
    );
    expect(res.status).toBe(403);
    expect(browser.jar.has("ls_session")).toBe(false);
  });

  it("refuses a callback in a browser that did not start the sign-in (login CSRF)", async () => {
    const { state } = await withOAuth(OTHER);
    const other = createBrowserClient((app as AdminApp).base);
    const res = await other.request(
      "GET",
      `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(state)}`,
    );
    expect(res.status).toBe(400);
    expect(other.jar.has("ls_session")).toBe(false);
  });

  it("answers a replayed callback whose code HubSpot refuses with 400, not 502", async () => {
    const refusing: OAuthClient = {
      ...oauthClient(OTHER),
      exchangeCode: async () => {
        throw new AppError("unauthorized", "HubSpot refused the grant (invalid_grant)", {
          reason: "invalid_grant",
        });
      },
    };
    const { browser, state } = await withOAuth(OTHER, refusing);
    const res = await browser.request(
      "GET",
      `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(state)}`,
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain("used already or expired");
    expect(browser.jar.has("ls_session")).toBe(false);
  });

  it("refuses a replayed callback with 400 even with the sign-in's cookie, and asks HubSpot nothing", async () => {
    let exchanges = 0;
    const counting: OAuthClient = {
      ...oauthClient(OTHER),
      exchangeCode: async (code, redirectUri) => {
        exchanges += 1;
        return oauthClient(OTHER).exchangeCode(code, redirectUri);
      },
    };
    const { browser, state } = await withOAuth(OTHER, counting);
    const nonce = browser.jar.get("ls_oauth") as string;
    const path = `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(state)}`;
    expect((await browser.request("GET", path)).status).toBe(303);
    // The callback cleared the nonce; someone holding both the URL and the cookie tries again.
    const replayer = createBrowserClient((app as AdminApp).base);
    replayer.jar.set("ls_oauth", nonce);
    const res = await replayer.request("GET", path);
    expect(res.status).toBe(400);
    expect(res.text).toContain("This sign-in was used already");
    expect(replayer.jar.has("ls_session")).toBe(false);
    expect(exchanges).toBe(1);
  });

  it("refuses a state handed out by the install flow, even in the browser that started a sign-in", async () => {
    const { browser } = await withOAuth(OTHER);
    const nonce = browser.jar.get("ls_oauth") as string;
    // The same browser nonce and secret, signed for installing the app instead of signing in.
    const install = signState("secret", (app as AdminApp).wallClock.nowMs, nonce, "install");
    const res = await browser.request(
      "GET",
      `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(install)}`,
    );
    expect(res.status).toBe(400);
    expect(browser.jar.has("ls_session")).toBe(false);
  });

  it("names the session after the HubSpot user who signed in: the header and a revision's author", async () => {
    const api = "https://api.hubapi.test";
    const hubspot = nock(api)
      .post("/oauth/2026-03/token")
      .reply(200, { access_token: "at", refresh_token: "rt", expires_in: 1800, token_type: "bearer" })
      .post("/oauth/2026-03/token/introspect")
      .reply(200, {
        active: true,
        hub_id: OTHER,
        user_id: 41,
        user: "ada@example.com",
        scopes: ["oauth"],
        token_use: "access_token",
      });
    const client = createHubSpotOAuthClient({
      clientId: "cid",
      clientSecret: "cs",
      apiBaseUrl: api,
      tokenVersion: "2026-03",
    });
    const { browser, state } = await withOAuth(OTHER, client);
    await browser.request("GET", `/admin/oauth/callback?code=the-code&state=${encodeURIComponent(state)}`);
    hubspot.done();
    const page = await browser.request("GET", `/admin/portals/${OTHER}`);
    expect(page.text).toContain("Signed in as <strong>ada@example.com</strong>");
    const created = await browser.request("POST", `/api/portals/${OTHER}/scores`, {
      json: JSON.parse(readFileSync("examples/contact-lead-score.json", "utf8")),
      headers: { "X-CSRF-Token": browser.csrfOf(page.text), origin: (app as AdminApp).base },
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ savedBy: "ada@example.com" });
  });
});
