import { mkdirSync } from "node:fs";
import nock from "nock";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { createDummyInstallation, T0 } from "../fixtures/installation.js";
import {
  hubspotKnowsCustomerDates,
  type PerformanceSeed,
  seedHistories,
} from "../fixtures/performance-seed.js";
import { closeAdminSuite, collectPageErrors, launchChromium } from "./support/launch-chromium.js";

// "Score performance" on the score page (docs/scoring.md §Score performance), in Debian's headless
// Chromium: the tiers stacked day by day, conversion bars per tier and per decile, numbers on hover.
// Screenshots at 1440×900 go to test-artifacts/ for a person to look at.

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const PORTAL = 62515;
const DAY = 86_400_000;
const tierOf = (score: number) => (score >= 70 ? "high" : score >= 40 ? "medium" : "low");

/** 150 contacts: a score 95 days ago, a second one some day since; the better ones become customers more often. */
const seed: PerformanceSeed = {};
for (let i = 1; i <= 150; i++) {
  const first = (i * 37) % 100;
  const second = (first + ((i * 29) % 60)) % 100;
  const changedAt = T0 - ((i * 13) % 70) * DAY;
  // Better first scores convert soon after the window's start (lift); better later tiers after changing (tiers).
  const early = first >= 60 ? i % 3 !== 0 : first >= 30 ? i % 5 === 0 : false;
  const converts = second >= 70 ? i % 2 === 0 : second >= 40 ? i % 4 === 0 : i % 9 === 0;
  seed[String(i)] = {
    points: [
      [T0 - 95 * DAY, first, tierOf(first)],
      [changedAt, second, tierOf(second)],
    ],
    customerAt: early ? T0 - (88 - (i % 9)) * DAY : converts ? changedAt + ((i % 5) + 1) * DAY : null,
  };
}

let app: AdminApp;
/** The score's first performance build waits for the test to have seen its progress bar. */
let releaseJobs: () => void = () => {};
const jobsMayRun = new Promise<void>((resolve) => {
  releaseJobs = resolve;
});
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  hubspotKnowsCustomerDates(seed);
  app = await startAdminApp({ jobsWaitFor: jobsMayRun });
  app.clock.nowMs = T0;
  await app.installations.save(createDummyInstallation({ portalId: PORTAL }));
  const created = await fetch(`${app.base}/api/portals/${PORTAL}/scores`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({
      id: "lead",
      name: "Lead score",
      object: "contacts",
      type: "engagement",
      property: { name: "ls_lead" },
      thresholds: { high: 70, medium: 40 },
      groups: [{ name: "Meetings", kind: "engagement", rules: [{ event: "meeting", points: 10 }] }],
    }),
  });
  expect(created.status).toBe(201);
  await seedHistories(app.records, PORTAL, seed);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  collectPageErrors(page, pageErrors);
  await page.goto(`${app.base}/admin/sign-in`);
  await page.getByLabel("ADMIN_TOKEN of this installation").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**/admin/portals/${PORTAL}`);
}, 90_000);

afterAll(() => closeAdminSuite(browser, app));

describe("Score performance on the score page, in Chromium", () => {
  it("shows the first build's progress bar, then stacks the tiers day by day and draws conversion per tier and per decile, numbers on hover", async () => {
    await page.goto(`${app.base}/admin/portals/${PORTAL}/scores/lead`);
    // Stages by label, the portal's internal value sent.
    await page.getByLabel("Reaches").selectOption({ label: "Customer" });
    expect(await page.getByLabel("Reaches").inputValue()).toBe("customer");
    await page.getByLabel("within days").fill("14");
    await page.getByLabel("over the last days").fill("90");
    await page.getByRole("button", { name: "Show performance" }).click();
    const result = page.locator("#performance-result");
    // The score has no snapshot yet: the API answers 202 with the build job, whose bar the panel shows.
    const bar = result.getByRole("progressbar", { name: "Building the score's performance" });
    await bar.waitFor();
    await expect
      .poll(() => result.getByRole("status").textContent())
      .toMatch(/^performance (queued|running)/);
    await page
      .locator("section[aria-labelledby=performance-h]")
      .screenshot({ path: `${ARTIFACTS}performance-1440-building.png` });
    releaseJobs();
    await expect.poll(() => result.locator("svg.performance-area path.tier-area").count()).toBe(3);
    // 91 days from the start of the day 90 days ago to today, one hover strip each.
    expect(await result.locator("svg.performance-area rect.hover-column").count()).toBe(91);
    const lastDay = await result.locator("svg.performance-area rect.hover-column title").last().textContent();
    expect(lastDay).toMatch(/^2026-11-23: high \d+, medium \d+, low \d+ \(150 records\)$/);
    const bars = result.locator("svg.performance-bars");
    expect(await bars.count()).toBe(2);
    expect(await bars.nth(0).locator("rect.bar title").allTextContents()).toEqual([
      expect.stringMatching(/^high: \d+ of \d+ \(\d+%\) converted$/),
      expect.stringMatching(/^medium: \d+ of \d+ \(\d+%\) converted$/),
      expect.stringMatching(/^low: \d+ of \d+ \(\d+%\) converted$/),
    ]);
    const deciles = await bars.nth(1).locator("rect.bar title").allTextContents();
    expect(deciles).toHaveLength(10);
    expect(deciles[0]).toMatch(/^D1: \d+ of 15 \(\d+%\) converted$/);
    const csv = await result.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expect(csv).toBe(
      `/api/portals/${PORTAL}/scores/lead/performance?to=customer&withinDays=14&days=90&format=csv`,
    );
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}performance-1440.png` });
    await page
      .locator("section[aria-labelledby=performance-h]")
      .screenshot({ path: `${ARTIFACTS}performance-1440-panel.png` });
    expect(pageErrors).toEqual([]);
  });
});
