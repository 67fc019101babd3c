import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBrowserClient } from "../fixtures/admin/browser-client.js";
import { createDummyParkedEntry } from "../fixtures/admin/parked-entries.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { allowOnlyLocalhost } from "../support/allow-only-localhost.js";

// Parked events on the portal overview (docs/decisions.md §Failures fail alone): the page holds a place for
// them and overview.js fills it from GET /api/portals/:id/parked over the session cookie. The table itself is
// built in the browser with text nodes; test/system/admin-page.test.ts checks in Chromium that markup in an
// error stays text.

const PORTAL = 62515;
let app: AdminApp;

allowOnlyLocalhost();
beforeEach(async () => {
  app = await startAdminApp({ portalIds: [PORTAL, 9] });
});
afterEach(() => app.close());

async function signedIn() {
  const browser = createBrowserClient(app.base);
  const form = await browser.request("GET", "/admin/sign-in");
  await browser.request("POST", "/admin/sign-in", {
    form: { _sign_in: browser.hidden(form.text, "_sign_in"), token: ADMIN_TOKEN },
  });
  return browser;
}

describe("parked events on the portal overview", () => {
  it("has a labelled live region for them, filled by overview.js from the parked-events module", async () => {
    const browser = await signedIn();
    const page = await browser.request("GET", `/admin/portals/${PORTAL}`);
    expect(page.text).toContain('<h2 id="parked-h">Parked events</h2>');
    expect(page.text).toContain('<div id="parked" aria-live="polite">');
    const overview = await (await fetch(`${app.base}/admin/assets/overview.js`)).text();
    expect(overview).toContain('from "./parked-events.js"');
    const module = await (await fetch(`${app.base}/admin/assets/parked-events.js`)).text();
    // Text only: no way for a value into the page but text nodes (dom.js h/fill).
    expect(module).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it("lets the page's session read the portal's parked events, oldest first, and no other portal's", async () => {
    app.parked.push(
      createDummyParkedEntry({ id: 1, objectId: "666", lastError: `<script>alert("x")</script>` }),
      createDummyParkedEntry({ id: 2, objectId: "667" }),
      createDummyParkedEntry({ id: 3, portalId: 9, objectId: "900" }),
    );
    const browser = await signedIn();
    const res = await browser.request("GET", `/api/portals/${PORTAL}/parked?limit=100`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { parked: Record<string, unknown>[] };
    expect(body.parked.map((p) => p.objectId)).toEqual(["666", "667"]);
    expect(body.parked[0]).toMatchObject({
      subscriptionType: "contact.propertyChange",
      objectType: "contacts",
      attempts: 3,
      error: `<script>alert("x")</script>`,
    });
  });
});
