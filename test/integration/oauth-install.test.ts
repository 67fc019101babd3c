import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import Database from "better-sqlite3";
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "../../src/adapters/crypto/token-cipher.js";
import { createKeyvInstallationStore } from "../../src/adapters/stores/keyv-installation-store.js";
import { createKeyvOAuthStateStore } from "../../src/adapters/stores/keyv-oauth-state-store.js";
import { openKeyv } from "../../src/adapters/stores/open-keyv.js";
import { tokenContext } from "../../src/app/seal-grant.js";
import { composeOAuth, type OAuthParts } from "../../src/compose/compose-oauth.js";
import { createHttpApp } from "../../src/http/create-http-app.js";
import { STATE_TTL_MS } from "../../src/hubspot/oauth-state.js";
import { createLogger } from "../../src/logger.js";
import type { Installation, InstallationStore } from "../../src/ports/installation-store.js";
import { loadHubSpotModeConfig } from "../fixtures/hubspot-mode-config.js";

// The OAuth install end to end: the real express app on port 0, the default SQLite store in a temp
// DATA_DIR, HubSpot played by nock (docs/hubspot.md §Testing against HubSpot), a fixed clock.

const API = "https://api.hubapi.com";
const SECRET = "client-secret-9b1f";
const KEY = "5e".repeat(32);
const ACCESS = "CJDx-access-token-value-1234567890";
const REFRESH = "na1-refresh-token-value-abcdef";
const CODE = "auth-code-7f3e";
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

const env = (dataDir: string) => ({
  HUBSPOT_CLIENT_ID: "client-id-1",
  HUBSPOT_CLIENT_SECRET: SECRET,
  PUBLIC_BASE_URL: "https://ls.example.com",
  ENCRYPTION_KEY: KEY,
  DATA_DIR: dataDir,
});

let server: Server;
let base: string;
let store: InstallationStore;
let oauth: OAuthParts;
let dbFile: string;
let disconnect: () => Promise<void>;
const clock = { nowMs: T0 };
const logLines: string[] = [];

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  const dataDir = join(mkdtempSync(join(tmpdir(), "ls-oauth-")), "data");
  const config = loadHubSpotModeConfig(env(dataDir));
  dbFile = join(dataDir, "lead-score.sqlite");
  const keyv = await openKeyv<Installation>(config.databaseUrl, "installations");
  const statesKeyv = await openKeyv<number>(config.databaseUrl, "oauth-states");
  disconnect = async () => {
    await Promise.all([keyv.disconnect(), statesKeyv.disconnect()]);
  };
  store = createKeyvInstallationStore(keyv);
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger("trace", sink);
  const parts = composeOAuth(config, {
    store,
    cipher: createTokenCipher(KEY),
    logger,
    now: () => clock.nowMs,
    states: createKeyvOAuthStateStore(statesKeyv, () => clock.nowMs),
  });
  oauth = parts;
  server = createHttpApp({ version: "test", oauth: parts.routes }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  clock.nowMs = T0;
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await disconnect();
  nock.enableNetConnect();
});

/** A browser starting the install: HubSpot's authorize URL, its state, and the cookie the app set. */
async function startInstall(): Promise<{ url: URL; state: string; cookie: string }> {
  const res = await fetch(`${base}/oauth/install`, { redirect: "manual" });
  expect(res.status).toBe(302);
  const url = new URL(res.headers.get("location") as string);
  const [cookie] = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  expect(cookie).toMatch(/^ls_install=[\w-]{16,}$/);
  return { url, state: url.searchParams.get("state") as string, cookie: cookie as string };
}

function hubspotAcceptsTheCode() {
  return nock(API)
    .post("/oauth/2026-03/token", {
      grant_type: "authorization_code",
      code: CODE,
      redirect_uri: "https://ls.example.com/oauth/callback",
      client_id: "client-id-1",
      client_secret: SECRET,
    })
    .reply(200, { token_type: "bearer", access_token: ACCESS, refresh_token: REFRESH, expires_in: 1800 })
    .post("/oauth/2026-03/token/introspect", {
      client_id: "client-id-1",
      client_secret: SECRET,
      token: ACCESS,
      token_type_hint: "access_token",
    })
    .reply(200, { active: true, hub_id: 62515, app_id: 7, scopes: ["oauth", "crm.objects.contacts.read"] });
}

/** HubSpot's redirect back, in a browser holding `cookie` (none: another browser). */
const callback = (state: string, cookie: string | undefined, code = CODE) =>
  fetch(`${base}/oauth/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, {
    ...(cookie ? { headers: { cookie } } : {}),
  });

describe("OAuth install, end to end", () => {
  it("redirects /oauth/install to HubSpot's authorize page with the scopes and a signed state", async () => {
    const { url } = await startInstall();
    expect(url.origin + url.pathname).toBe("https://app.hubspot.com/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("client-id-1");
    expect(url.searchParams.get("redirect_uri")).toBe("https://ls.example.com/oauth/callback");
    expect(url.searchParams.get("scope")?.split(" ")).toContain("crm.schemas.deals.write");
    expect(url.searchParams.get("optional_scope")).toBe("sales-email-read tickets content forms");
    expect(url.searchParams.get("state")).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it("exchanges the code, stores the installation encrypted and says what happens next", async () => {
    const { state, cookie } = await startInstall();
    clock.nowMs = T0 + 60_000;
    const scope = hubspotAcceptsTheCode();
    const res = await callback(state, cookie);
    const html = await res.text();
    expect(res.status).toBe(200);
    // The nonce served its one callback: the browser is told to forget it.
    expect(res.headers.getSetCookie()).toEqual([
      "ls_install=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure",
    ]);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(html).toContain("connected to HubSpot account 62515");
    expect(html).toContain("Not granted: <code>sales-email-read</code>");
    scope.done();

    const saved = await store.get(62515);
    expect(saved).toMatchObject({
      hubId: 62515,
      status: "connected",
      expiresAtMs: T0 + 60_000 + 1_800_000,
      scopes: ["crm.objects.contacts.read", "oauth"],
    });
    const db = new Database(dbFile, { readonly: true });
    const raw = JSON.stringify(db.prepare("SELECT * FROM keyv").all());
    db.close();
    expect(raw).toContain("62515");
    expect(raw).not.toContain(ACCESS);
    expect(raw).not.toContain(REFRESH);
    expect(createTokenCipher(KEY).open(saved?.accessTokenSealed as string, tokenContext(62515))).toBe(ACCESS);

    // authorize() then hands out the stored token while it is fresh, with no HubSpot call.
    expect(await oauth.authorize(62515)).toBe(ACCESS);
  });

  it("answers 400 to a replayed callback, even with the starting browser's cookie, and never calls HubSpot again", async () => {
    const { state, cookie } = await startInstall();
    const scope = hubspotAcceptsTheCode();
    expect((await callback(state, cookie)).status).toBe(200);
    scope.done();
    // The same URL and cookie again (a back button, a proxy's retry, someone who copied both).
    const replayed = await callback(state, cookie);
    expect(replayed.status).toBe(400);
    // Refused before any code exchange: one would have found no nock and answered 502.
    expect(await replayed.text()).toContain("This install link was used already: start the install again.");
  });

  it("answers 400 to a state from another browser: without the install cookie, or with another install's", async () => {
    const { state, cookie } = await startInstall();
    const other = await startInstall();
    for (const sent of [undefined, other.cookie, "ls_install=forged-nonce-0123456789"]) {
      const res = await callback(state, sent);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("not started in this browser");
    }
    // The refusals did not use the state up: the browser that started it still completes the install.
    const scope = hubspotAcceptsTheCode();
    expect((await callback(state, cookie)).status).toBe(200);
    scope.done();
  });

  it("answers 400 to a forged state and never calls HubSpot", async () => {
    const { state, cookie } = await startInstall();
    const [payload] = state.split(".");
    const res = await callback(`${payload}.${Buffer.alloc(32).toString("base64url")}`, cookie);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Install link not valid");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("answers 400 naming the expiry to a state older than 10 minutes", async () => {
    const { state, cookie } = await startInstall();
    clock.nowMs = T0 + STATE_TTL_MS + 1;
    const res = await callback(state, cookie);
    const html = await res.text();
    expect(res.status).toBe(400);
    expect(html).toContain("This install link expired");
    expect(html).toContain("valid for 10 minutes");
  });

  it("answers 400 when the user declines, escaping HubSpot's description", async () => {
    const res = await fetch(
      `${base}/oauth/callback?error=access_denied&error_description=${encodeURIComponent("<b>no</b>")}`,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("&lt;b&gt;no&lt;/b&gt;");
    expect(html).not.toContain("<b>no</b>");
  });

  it("answers 400 when HubSpot refuses a used code, and 502 when HubSpot fails", async () => {
    const first = await startInstall();
    const refused = nock(API)
      .post("/oauth/2026-03/token")
      .reply(400, { error: "invalid_grant", status: "BAD_AUTH_CODE" });
    expect((await callback(first.state, first.cookie)).status).toBe(400);
    refused.done();
    const second = await startInstall();
    const down = nock(API).post("/oauth/2026-03/token").reply(503, { message: "unavailable" });
    const res = await callback(second.state, second.cookie);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain("try again");
    down.done();
  });

  it("keeps /health working next to the OAuth routes", async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: "ok", version: "test" });
  });

  it("never wrote a token, the code, the state or a secret to the log", () => {
    const all = logLines.join("");
    expect(all).toContain("HubSpot account installed");
    for (const secret of [ACCESS, REFRESH, CODE, SECRET, KEY]) expect(all).not.toContain(secret);
  });
});
