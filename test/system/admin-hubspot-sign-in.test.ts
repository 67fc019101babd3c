import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningSandboxMode, startSandboxMode } from "../../src/sandbox-mode/start-sandbox-mode.js";
import { launchChromium } from "./support/launch-chromium.js";

// Signing in to the admin page with HubSpot, end to end in Debian's headless Chromium against `npm start`'s
// sandbox mode (docs/decisions.md §Admin sessions): the browser starts on http://127.0.0.1:PORT while
// PUBLIC_BASE_URL is http://localhost:PORT, goes through the sandbox portal's OAuth consent page (another
// site), and the redirect chain back (callback 303 → portal page) must keep the new session. Then the
// sandbox's clock moves a month and the session holds; an ended session is told so. Screenshots (1440×900)
// go to test-artifacts/.

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const ADMIN_TOKEN = "system-sign-in-admin-token";
const DAY_MS = 86_400_000;

let dir: string;
let running: RunningSandboxMode;
let browser: Browser;
let page: Page;
/** Every response of the browser's top-level navigations, in order: status and URL. */
const navigations: string[] = [];
const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png` });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "lead-score-hubspot-sign-in-"));
  running = await startSandboxMode(
    loadConfig({
      DATA_DIR: dir,
      PORT: "0",
      SANDBOX_SEED: "small",
      SANDBOX_RATE_LIMIT_PER_10S: "10000",
      ADMIN_TOKEN,
    }),
    { logger: createLogger("silent"), version: "9.9.9-test", webhooks: { retryBaseMs: 5, retryMaxMs: 20 } },
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("response", (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame())
      navigations.push(`${response.status()} ${response.url()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** From the sign-in page: "Sign in with HubSpot", the sandbox's consent page, "Connect app". */
async function signInWithHubSpot() {
  await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await page.getByRole("heading", { name: "Install lead-score into Sandbox portal" }).waitFor();
  expect(new URL(page.url()).origin).toBe(running.sandboxUrl);
  await page.getByRole("button", { name: "Connect app" }).click();
  await page.waitForURL(`${running.appUrl}/admin/portals/${running.portalId}`);
}

describe("HubSpot sign-in in Chromium", () => {
  it("signs in across hosts through the sandbox's authorize page, keeps the session when the sandbox clock moves 31 days, and says when it ended", async () => {
    const { port } = running.appConfig;
    expect(running.appConfig.publicBaseUrl).toBe(`http://localhost:${port}`);
    const otherHost = `http://127.0.0.1:${port}`;

    await page.goto(`${otherHost}/admin`);
    await page.waitForURL(`${otherHost}/admin/sign-in`);
    await shot("sign-in-01-sign-in-page");
    navigations.length = 0;
    await signInWithHubSpot();
    // The chain that bounced with a Strict cookie: the callback's 303 to the portal page, then that page.
    const callback = navigations.findIndex((n) =>
      n.startsWith(`303 ${running.appUrl}/admin/oauth/callback?`),
    );
    expect(callback).toBeGreaterThanOrEqual(0);
    expect(navigations.slice(callback + 1)).toEqual([
      `200 ${running.appUrl}/admin/portals/${running.portalId}`,
    ]);
    expect(navigations.some((n) => n.includes("/admin/sign-in"))).toBe(false);
    await expect
      .poll(() => page.locator("header .who").textContent())
      .toContain("Signed in as sandbox-user@example.com");
    await shot("sign-in-02-portal-overview-after-hubspot");

    // `lead-score sandbox advance-clock 31d`: the app's clock follows; the session runs on the real one.
    const moved = await fetch(`${running.sandboxUrl}/__sandbox/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advance: "31d" }),
    });
    expect(moved.status).toBe(200);
    await running.clock.refresh();
    expect(running.clock.now() - Date.now()).toBeGreaterThan(30 * DAY_MS);
    await page.reload();
    expect(page.url()).toBe(`${running.appUrl}/admin/portals/${running.portalId}`);
    await expect
      .poll(() => page.locator("header .who").textContent())
      .toContain("Signed in as sandbox-user@example.com");

    // "Test a record" finds a contact by its full name, either way round, through the session.
    const contact = running.sandbox.portal.records
      .page("contacts", 0, 50)
      .find((c) => c.properties.firstname && c.properties.lastname);
    const { firstname, lastname } = contact?.properties ?? {};
    const found = async (q: string) =>
      page.evaluate(
        async ([portalId, query]) => {
          const res = await fetch(
            `/api/portals/${portalId}/records/contacts/search?q=${encodeURIComponent(query)}`,
          );
          return ((await res.json()) as { records: { id: string }[] }).records.map((r) => r.id);
        },
        [String(running.portalId), q] as const,
      );
    expect(await found(`${firstname} ${lastname}`)).toContain(String(contact?.id));
    expect(await found(`${lastname?.toUpperCase()} ${firstname}`)).toContain(String(contact?.id));

    // The session ends (here: erased from the store, as at its 12th hour): the page says so and offers
    // every way back in.
    const cookies = await page.context().cookies(running.appUrl);
    const session = cookies.find((c) => c.name === "ls_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await running.composed.sessions.deleteSession(session?.value ?? "");
    await page.reload();
    await page.waitForURL(`${running.appUrl}/admin/sign-in?expired=1`);
    expect(await page.getByTestId("session-expired").textContent()).toBe(
      "Your session expired — sign in again.",
    );
    expect(await page.getByRole("link", { name: "Sign in with HubSpot" }).isVisible()).toBe(true);
    expect(await page.getByLabel("ADMIN_TOKEN of this installation").isVisible()).toBe(true);
    expect(await page.locator("main").textContent()).toContain("npx lead-score admin-link");
    await shot("sign-in-03-session-expired");

    await signInWithHubSpot();
    await expect
      .poll(() => page.locator("header .who").textContent())
      .toContain("Signed in as sandbox-user@example.com");
  }, 120_000);
});
