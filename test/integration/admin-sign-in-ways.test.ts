import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_TTL_MS } from "../../src/http/admin-session/start-session.js";
import { createBrowserClient } from "../fixtures/admin/browser-client.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { buildLeadScoreDraft } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// The admin page's session cookie, cross-site writes, sessions on the real clock, and the ways back in
// once a session ended (docs/decisions.md §Admin sessions, §Admin sign-in), on a real server at port 0.

const PORTAL = 62515;
const OTHER = 9;
const day = 24 * 60 * 60 * 1000;
const EVIL = "https://evil.example";

let app: AdminApp;
allowOnlyLocalhost();
beforeEach(async () => {
  app = await startAdminApp({ portalIds: [PORTAL, OTHER] });
});
afterEach(async () => {
  await app.runner.onIdle();
  await app.close();
});

async function signedIn() {
  const browser = createBrowserClient(app.base);
  const form = await browser.request("GET", "/admin/sign-in");
  const res = await browser.request("POST", "/admin/sign-in", {
    form: { _sign_in: browser.hidden(form.text, "_sign_in"), token: ADMIN_TOKEN },
  });
  const page = await browser.request("GET", `/admin/portals/${PORTAL}`);
  return { browser, res, csrf: browser.csrfOf(page.text) };
}

const bearer = (token = ADMIN_TOKEN) => ({ authorization: `Bearer ${token}` });

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole app, and outlives the session so its end can be told", async () => {
    const { res } = await signedIn();
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ls_session=")) ?? "";
    const attributes = cookie.split("; ").slice(1);
    expect(attributes).toEqual(expect.arrayContaining(["Path=/", "HttpOnly", "SameSite=Lax"]));
    expect(attributes).not.toContain("SameSite=Strict");
    expect(attributes).not.toContain("Secure");
    const maxAgeSec = Number(attributes.find((a) => a.startsWith("Max-Age="))?.slice("Max-Age=".length));
    expect(maxAgeSec).toBeGreaterThan(SESSION_TTL_MS / 1000);
  });

  it("keeps the sign-in form's own cookie Strict", async () => {
    const res = await createBrowserClient(app.base).request("GET", "/admin/sign-in");
    expect(res.headers.getSetCookie().find((c) => c.startsWith("ls_sign_in="))).toMatch(/SameSite=Strict/);
  });
});

describe("cross-site writes", () => {
  it("refuses a cross-site invite post with 403 even with the session cookie and its CSRF token", async () => {
    const { browser, csrf } = await signedIn();
    const form = { email: "ann@example.com", _csrf: csrf };
    const crossSite: Record<string, string>[] = [
      { origin: EVIL },
      { "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of crossSite) {
      const res = await browser.request("POST", `/admin/portals/${PORTAL}/invites`, { form, headers });
      expect(res.status).toBe(403);
      expect(res.text).not.toContain("/admin/sign-in/link?token=");
    }
    const same = await browser.request("POST", `/admin/portals/${PORTAL}/invites`, {
      form,
      headers: { origin: app.base, "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(200);
    expect(same.text).toContain("/admin/sign-in/link?token=");
    // What Chromium sends for the page's own form under its Referrer-Policy: no-referrer.
    const ownForm = await browser.request("POST", `/admin/portals/${PORTAL}/invites`, {
      form,
      headers: { origin: "null", "sec-fetch-site": "same-origin" },
    });
    expect(ownForm.status).toBe(200);
  });

  it("refuses a cross-site sign-out, and a sign-out without the session's CSRF token; the session stays", async () => {
    const { browser, csrf } = await signedIn();
    const crossSite = await browser.request("POST", "/admin/sign-out", {
      form: { _csrf: csrf },
      headers: { origin: EVIL },
    });
    expect(crossSite.status).toBe(403);
    expect((await browser.request("POST", "/admin/sign-out", { form: {} })).status).toBe(403);
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(200);
    const signOut = await browser.request("POST", "/admin/sign-out", { form: { _csrf: csrf } });
    expect(signOut.status).toBe(303);
    expect(browser.jar.has("ls_session")).toBe(false);
  });

  it("refuses a cross-site admin API write carried by the cookie (no X-CSRF-Token can come with it)", async () => {
    const { browser } = await signedIn();
    const res = await browser.request("POST", `/api/portals/${PORTAL}/scores`, {
      json: buildLeadScoreDraft(),
      headers: { origin: EVIL },
    });
    expect(res.status).toBe(403);
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).text).not.toContain('"lead"');
  });

  it("refuses a cross-site sign-in post", async () => {
    const browser = createBrowserClient(app.base);
    const form = await browser.request("GET", "/admin/sign-in");
    const res = await browser.request("POST", "/admin/sign-in", {
      form: { _sign_in: browser.hidden(form.text, "_sign_in"), token: ADMIN_TOKEN },
      headers: { origin: EVIL },
    });
    expect(res.status).toBe(403);
    expect(browser.jar.has("ls_session")).toBe(false);
  });
});

describe("sessions on the real clock", () => {
  it("stay signed in when the app's clock moves 31 days (the sandbox's advance-clock), and end after 12 real hours", async () => {
    const { browser } = await signedIn();
    app.clock.nowMs += 31 * day;
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(200);
    expect((await browser.request("GET", `/admin/portals/${PORTAL}`)).status).toBe(200);
    app.wallClock.nowMs += SESSION_TTL_MS;
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(401);
  });
});

describe("an ended session", () => {
  it("is told it expired, with every way back in; a first visit is not", async () => {
    const { browser } = await signedIn();
    app.wallClock.nowMs += SESSION_TTL_MS;
    const bounce = await browser.request("GET", `/admin/portals/${PORTAL}`);
    expect(bounce.status).toBe(303);
    expect(bounce.headers.get("location")).toBe("/admin/sign-in?expired=1");
    const page = await browser.request("GET", "/admin/sign-in?expired=1");
    expect(page.text).toContain("Your session expired — sign in again.");
    expect(page.text).toContain("ADMIN_TOKEN of this installation");
    expect(page.text).toContain("npx lead-score admin-link");
    const first = await createBrowserClient(app.base).request("GET", `/admin/portals/${PORTAL}`);
    expect(first.headers.get("location")).toBe("/admin/sign-in");
  });
});

describe("POST /api/sign-in-links (lead-score admin-link)", () => {
  async function redeem(url: string) {
    const browser = createBrowserClient(app.base);
    const page = await browser.request("GET", url.slice(app.base.length));
    const res = await browser.request("POST", "/admin/sign-in/link", {
      form: { token: browser.hidden(page.text, "token"), _sign_in: browser.hidden(page.text, "_sign_in") },
    });
    return { browser, res };
  }
  const create = (body: unknown, headers: Record<string, string> = bearer()) =>
    createBrowserClient(app.base).request("POST", "/api/sign-in-links", { json: body, headers });

  it("gives the ADMIN_TOKEN a single-use link to every portal, valid an hour of real time", async () => {
    const res = await create({});
    expect(res.status).toBe(201);
    const link = JSON.parse(res.text) as { url: string; expiresAt: string; portals: unknown };
    expect(link.url).toMatch(new RegExp(`^${app.base}/admin/sign-in/link\\?token=`));
    expect(link.expiresAt).toBe(new Date(app.wallClock.nowMs + 60 * 60 * 1000).toISOString());
    expect(link.portals).toBe("all");
    const { browser, res: signIn } = await redeem(link.url);
    expect(signIn.status).toBe(303);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(200);
    expect((await redeem(link.url)).res.status).toBe(410);
  });

  it("binds a link to one portal when asked, and refuses a portal not installed with 404", async () => {
    const res = await create({ portalId: PORTAL });
    const { browser } = await redeem((JSON.parse(res.text) as { url: string }).url);
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(200);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(404);
    expect((await create({ portalId: 4242 })).status).toBe(404);
  });

  it("answers 401 to a session cookie, a wrong token or none, and 400 to an unknown field", async () => {
    const { browser, csrf } = await signedIn();
    const bySession = await browser.request("POST", "/api/sign-in-links", {
      json: {},
      headers: { "x-csrf-token": csrf },
    });
    expect(bySession.status).toBe(401);
    expect((await create({}, bearer("wrong-token-wrong-token"))).status).toBe(401);
    expect((await create({}, {})).status).toBe(401);
    expect((await create({ portals: "all" })).status).toBe(400);
  });

  it("is described in /api/openapi.json as a bearer route", async () => {
    const doc = JSON.parse((await createBrowserClient(app.base).request("GET", "/api/openapi.json")).text);
    const route = doc.paths["/sign-in-links"].post;
    expect(route.security).toEqual([{ adminToken: [] }]);
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(["201", "401"]));
  });
});
