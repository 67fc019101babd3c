import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandboxSignInLink, INVITE_TTL_MS } from "../../src/http/admin-session/sign-in-links.js";
import { createBrowserClient } from "../fixtures/admin/browser-client.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { buildLeadScoreDraft } from "../fixtures/score-drafts.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

const PORTAL = 62515;
const OTHER = 9;
const draft = buildLeadScoreDraft();

let app: AdminApp;
allowOnlyLocalhost();
beforeEach(async () => {
  app = await startAdminApp({ portalIds: [PORTAL, OTHER] });
});
afterEach(async () => {
  await app.runner.onIdle();
  await app.close();
});

/** Signs a fresh browser in with ADMIN_TOKEN; returns it and the CSRF token of its session. */
async function signedIn(token = ADMIN_TOKEN) {
  const browser = createBrowserClient(app.base);
  const form = await browser.request("GET", "/admin/sign-in");
  const res = await browser.request("POST", "/admin/sign-in", {
    form: { _sign_in: browser.hidden(form.text, "_sign_in"), token },
  });
  return { browser, res };
}
const csrfFor = async (browser: ReturnType<typeof createBrowserClient>, portalId = PORTAL) =>
  browser.csrfOf((await browser.request("GET", `/admin/portals/${portalId}`)).text);

/** Opens a one-time link and clicks Continue, as a person would. */
async function redeem(url: string) {
  const browser = createBrowserClient(app.base);
  const page = await browser.request("GET", url.slice(app.base.length));
  const res = await browser.request("POST", "/admin/sign-in/link", {
    form: { token: browser.hidden(page.text, "token"), _sign_in: browser.hidden(page.text, "_sign_in") },
  });
  return { browser, res };
}

describe("ADMIN_TOKEN sign-in", () => {
  it("sends a visitor without a session to the sign-in page", async () => {
    const res = await createBrowserClient(app.base).request("GET", "/admin");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/sign-in");
  });

  it("signs in with the right token: an HttpOnly SameSite=Lax session cookie that the admin API accepts", async () => {
    const { browser, res } = await signedIn();
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ls_session="));
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const list = await browser.request("GET", "/admin");
    expect(list.text).toContain(`href="/admin/portals/${PORTAL}"`);
    expect(list.text).toContain(`href="/admin/portals/${OTHER}"`);
    expect(list.text).not.toContain(ADMIN_TOKEN);
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(200);
  });

  it("refuses a wrong token with 401 and no session", async () => {
    const { browser, res } = await signedIn("wrong-token-wrong-token");
    expect(res.status).toBe(401);
    expect(res.text).toContain("not this installation");
    expect(browser.jar.has("ls_session")).toBe(false);
  });

  it("refuses a sign-in form posted without the form's nonce (login CSRF) with 403", async () => {
    const browser = createBrowserClient(app.base);
    const res = await browser.request("POST", "/admin/sign-in", { form: { token: ADMIN_TOKEN } });
    expect(res.status).toBe(403);
    expect(browser.jar.has("ls_session")).toBe(false);
  });

  it("marks cookies Secure when the app is served over https", async () => {
    await app.close();
    app = await startAdminApp({ publicBaseUrl: "https://lead-score.example" });
    const { res } = await signedIn();
    expect(res.headers.getSetCookie().find((c) => c.startsWith("ls_session="))).toMatch(/; Secure/);
  });

  it("signs out: the session no longer opens pages or the API", async () => {
    const { browser } = await signedIn();
    const csrf = await csrfFor(browser);
    const jar = new Map(browser.jar);
    await browser.request("POST", "/admin/sign-out", { form: { _csrf: csrf } });
    for (const [k, v] of jar) browser.jar.set(k, v);
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(401);
  });

  it("ends a session after 12 hours", async () => {
    const { browser } = await signedIn();
    app.wallClock.nowMs += 12 * 60 * 60 * 1000;
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(401);
    expect((await browser.request("GET", "/admin")).headers.get("location")).toBe("/admin/sign-in?expired=1");
  });
});

describe("CSRF", () => {
  it("refuses an admin API write carried by the session cookie without X-CSRF-Token (403), accepts it with", async () => {
    const { browser } = await signedIn();
    const without = await browser.request("POST", `/api/portals/${PORTAL}/scores`, { json: draft });
    expect(without.status).toBe(403);
    expect(JSON.parse(without.text).error.code).toBe("forbidden");
    const wrong = await browser.request("POST", `/api/portals/${PORTAL}/scores`, {
      json: draft,
      headers: { "x-csrf-token": "guess" },
    });
    expect(wrong.status).toBe(403);
    const csrf = await csrfFor(browser);
    const created = await browser.request("POST", `/api/portals/${PORTAL}/scores`, {
      json: draft,
      headers: { "x-csrf-token": csrf },
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text).savedBy).toBe("admin-token");
  });

  it("refuses a page form (an invite) posted without the session's _csrf with 403", async () => {
    const { browser } = await signedIn();
    const res = await browser.request("POST", `/admin/portals/${PORTAL}/invites`, {
      form: { email: "ann@example.com" },
    });
    expect(res.status).toBe(403);
  });

  it("keeps bearer tokens working without a CSRF token", async () => {
    const res = await fetch(`${app.base}/api/portals/${PORTAL}/scores`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(draft),
    });
    expect(res.status).toBe(201);
  });
});

describe("invite links", () => {
  async function invite(email = "ann@example.com") {
    const { browser } = await signedIn();
    const res = await browser.request("POST", `/admin/portals/${PORTAL}/invites`, {
      form: { email, _csrf: await csrfFor(browser) },
    });
    expect(res.status).toBe(200);
    const url = /id="invite-url" class="wide" readonly value="([^"]+)"/.exec(res.text)?.[1] ?? "";
    return url.replaceAll("&amp;", "&");
  }

  it("signs the colleague in once, bound to the inviter's portal: another portal is 404 in pages and API", async () => {
    const url = await invite();
    expect(url).toMatch(new RegExp(`^${app.base}/admin/sign-in/link\\?token=`));
    const { browser, res } = await redeem(url);
    expect(res.status).toBe(303);
    expect((await browser.request("GET", "/admin")).headers.get("location")).toBe(`/admin/portals/${PORTAL}`);
    const page = await browser.request("GET", `/admin/portals/${PORTAL}`);
    expect(page.text).toContain("Signed in as <strong>ann@example.com</strong>");
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(200);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(404);
    expect((await browser.request("GET", `/api/portals/${OTHER}`)).status).toBe(404);
    expect((await browser.request("GET", `/admin/portals/${OTHER}`)).status).toBe(404);
    const again = await redeem(url);
    expect(again.res.status).toBe(410);
    expect(again.browser.jar.has("ls_session")).toBe(false);
  });

  it("expires after 24 hours", async () => {
    const url = await invite();
    app.wallClock.nowMs += INVITE_TTL_MS + 1;
    expect((await redeem(url)).res.status).toBe(410);
  });

  it("refuses an address that is not an email", async () => {
    const { browser } = await signedIn();
    const res = await browser.request("POST", `/admin/portals/${PORTAL}/invites`, {
      form: { email: "<script>", _csrf: await csrfFor(browser) },
    });
    expect(res.status).toBe(400);
  });
});

describe("sandbox one-time link", () => {
  it("signs in once to every installed portal", async () => {
    const url = await createSandboxSignInLink({
      sessions: app.sessions,
      now: () => app.wallClock.nowMs,
      publicBaseUrl: app.base,
    });
    const { browser, res } = await redeem(url);
    expect(res.status).toBe(303);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(200);
    expect((await redeem(url)).res.status).toBe(410);
  });
});

describe("pages and assets", () => {
  it("serves the scripts from the source tree, and pages with a strict content security policy", async () => {
    const res = await fetch(`${app.base}/admin/assets/builder.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${app.base}/admin/assets/nope.js`)).status).toBe(404);
    const page = await fetch(`${app.base}/admin/sign-in`);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("shows a portal's scores with the name escaped, and the builder of a score", async () => {
    const { browser } = await signedIn();
    const csrf = await csrfFor(browser);
    await browser.request("POST", `/api/portals/${PORTAL}/scores`, {
      json: { ...draft, name: "<script>alert(1)</script>" },
      headers: { "x-csrf-token": csrf },
    });
    const overview = await browser.request("GET", `/admin/portals/${PORTAL}`);
    expect(overview.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(overview.text).not.toContain("<script>alert(1)");
    const builder = await browser.request("GET", `/admin/portals/${PORTAL}/scores/lead`);
    expect(builder.status).toBe(200);
    expect(builder.text).toContain('data-score-id="lead"');
    // A score that was not suggested has no place for a suggestion's evidence, and asks for none.
    expect(builder.text).not.toContain('id="suggestion"');
    expect((await browser.request("GET", `/admin/portals/${PORTAL}/scores/nope`)).status).toBe(404);
    const jobs = await browser.request("GET", `/admin/portals/${PORTAL}/jobs.json`);
    expect(JSON.parse(jobs.text)).toEqual({ jobs: [] });
  });

  it('opens "Suggest a score" from the overview for a signed-in session, for its portals only', async () => {
    expect(
      (await createBrowserClient(app.base).request("GET", `/admin/portals/${PORTAL}/suggest`)).status,
    ).toBe(303);
    const { browser } = await signedIn();
    const overview = await browser.request("GET", `/admin/portals/${PORTAL}`);
    expect(overview.text).toContain(`href="/admin/portals/${PORTAL}/suggest"`);
    const page = await browser.request("GET", `/admin/portals/${PORTAL}/suggest`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form id="suggest-form"');
    expect(page.text).toContain(`data-portal-id="${PORTAL}"`);
    expect((await browser.request("GET", "/admin/portals/424242/suggest")).status).toBe(404);
    expect((await fetch(`${app.base}/admin/assets/suggest.js`)).status).toBe(200);
  });
});
