import { mkdirSync } from "node:fs";
import nock from "nock";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../src/ports/record-store.js";
import { refusePickerCatalog } from "../fixtures/admin/mock-picker-catalog.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { HUBSPOT } from "../fixtures/hubspot/create-test-crm-client.js";
import { buildRecord } from "../fixtures/hubspot/crm-payloads.js";
import { meeting, mockCrmWorld } from "../fixtures/hubspot/mock-crm-world.js";
import { buildSearchPage } from "../fixtures/hubspot/search-payloads.js";
import { createDummyInstallation, T0 } from "../fixtures/installation.js";
import { closeAdminSuite, collectPageErrors, launchChromium } from "./support/launch-chromium.js";

// What the admin page shows people (docs/decisions.md §Records by name, §Charts people read), in Debian's
// headless Chromium: records by name in the test panel, the impact list and history; the preview
// histogram and the history chart with axes and threshold lines; a combined score's 3×3 grid; a job's
// last run; history causes in words. Screenshots of each, at 1440×900 and 1024×768, go to
// test-artifacts/ for a person to look at.

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const PORTAL = 62515;
const day = 86_400_000;
const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson"];
const TITLES = ["CTO", "Engineer", "Intern", "VP of Sales"];

// 40 contacts named as people are, with 0 to 5 completed meetings each (10 points, halved a month).
const contacts: Record<string, Record<string, string | null>> = {};
const meetings: Record<string, ReturnType<typeof meeting>> = {};
// Contact 1 holds the value its history (below) ends with, so enabling writes nothing more to it.
for (let i = 1; i <= 40; i++) {
  const first = FIRST[(i - 1) % FIRST.length] as string;
  const last = LAST[Math.floor((i - 1) / FIRST.length) % LAST.length] as string;
  contacts[String(i)] = {
    firstname: first,
    lastname: last,
    email: `${first}.${last}${i}@example.com`.toLowerCase(),
    jobtitle: TITLES[i % TITLES.length] as string,
    ...(i === 1 ? { ls_lead: "10", ls_lead_threshold: "medium" } : {}),
  };
  for (let m = 0; m < (i * 7) % 6; m++) meetings[`m${i}-${m}`] = meeting(String(i), T0, 3 + m * 9);
}

const leadScore = {
  id: "lead",
  name: "Lead score",
  object: "contacts",
  type: "engagement",
  property: { name: "ls_lead" },
  thresholds: { high: 25, medium: 10 },
  groups: [
    {
      name: "Meetings",
      kind: "engagement",
      decay: { percent: 50, everyMonths: 1 },
      rules: [
        {
          event: "meeting",
          points: 10,
          where: [{ property: "hs_meeting_outcome", operator: "eq", value: "COMPLETED" }],
        },
      ],
    },
  ],
};
const combinedScore = {
  id: "combined",
  name: "Fit and engagement",
  object: "contacts",
  type: "combined",
  property: { name: "ls_combined" },
  thresholds: { fit: { high: 20, medium: 10 }, engagement: { high: 25, medium: 10 } },
  groups: [
    { name: "Meetings", kind: "engagement", rules: [{ event: "meeting", points: 10 }] },
    {
      name: "Role",
      kind: "fit",
      rules: [
        { property: "jobtitle", operator: "in", values: ["CTO", "VP of Sales"], points: 20 },
        { property: "jobtitle", operator: "eq", value: "Engineer", points: 10 },
      ],
    },
  ],
};

let app: AdminApp;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const VIEWPORTS = [
  { name: "1440", width: 1440, height: 900 },
  { name: "1024", width: 1024, height: 768 },
];

/** A screenshot of one element at each viewport, named after what it shows. */
async function shots(name: string, selector: string) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.locator(selector).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}figures-${name}-${viewport.name}.png` });
    await page
      .locator(selector)
      .screenshot({ path: `${ARTIFACTS}figures-${name}-${viewport.name}-panel.png` });
  }
}

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.base}/api/portals/${PORTAL}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return res.json();
}

const history = (
  atMs: number,
  old: string | null,
  value: string,
  entry: Partial<HistoryEntry>,
): HistoryEntry[] => {
  const threshold = Number(value) >= 25 ? "high" : Number(value) >= 10 ? "medium" : "low";
  return [{ property: "ls_lead", old, new: value, threshold, atMs, cause: "webhook", ...entry }];
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  // The builder's pickers fall back to free text (admin-builder-pickers.test.ts picks from catalogs).
  refusePickerCatalog();
  mockCrmWorld({ contacts, meetings, contactProperties: new Set(["jobtitle"]) });
  nock(HUBSPOT)
    .persist()
    .post("/crm/v3/objects/contacts/search", (body) => typeof body.query === "string")
    .reply(200, buildSearchPage([buildRecord("1", contacts["1"])]));
  app = await startAdminApp();
  app.clock.nowMs = T0;
  await app.installations.save(createDummyInstallation({ portalId: PORTAL }));
  await api("POST", "/scores", leadScore);
  await api("POST", "/scores/lead/enable");
  await api("POST", "/scores", combinedScore);
  await app.runner.onIdle();
  // Contact 1's score over three weeks, each change with what made it (docs/scoring.md §History).
  const ref = { portalId: PORTAL, object: "contacts" as const, recordId: "1" };
  await app.records.appendHistory(ref, [
    ...history(T0 - 21 * day, null, "10", { cause: "enable" }),
    ...history(T0 - 16 * day, "10", "20", {
      reasons: [{ kind: "record", object: "meetings", change: "creation" }],
    }),
    ...history(T0 - 12 * day, "20", "30", {
      reasons: [
        { kind: "record", object: "meetings", change: "creation" },
        { kind: "property", object: "contacts", property: "jobtitle" },
      ],
    }),
    ...history(T0 - 6 * day, "30", "15", { cause: "decay" }),
    ...history(T0 - 2 * day, "15", "0", { cause: "reset", reasons: [{ kind: "reset", by: "workflow" }] }),
    ...history(T0 - day, "0", "10", {
      reasons: [{ kind: "record", object: "meetings", change: "creation" }],
    }),
  ]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  collectPageErrors(page, pageErrors);
  page.on("response", (response) => {
    if (response.status() === 404 || response.status() >= 500)
      pageErrors.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`${app.base}/admin/sign-in`);
  await page.getByLabel("ADMIN_TOKEN of this installation").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**/admin/portals/${PORTAL}`);
}, 90_000);

afterAll(() => closeAdminSuite(browser, app));

describe("what the admin page shows people, in Chromium", () => {
  it("shows a score's last rescore on the overview", async () => {
    const lead = page.locator("table.scores tr", { hasText: "Lead score" });
    await expect.poll(() => lead.textContent()).toMatch(/rescored 40 records at .+ UTC: \d+ updated/);
    await shots("job-last-run", "table.scores");
  });

  it("names the tested record, its id on hover, and its rules as the builder does", async () => {
    await page.goto(`${app.base}/admin/portals/${PORTAL}/scores/lead`);
    await page.getByLabel("Email, name or record id").fill("ada");
    await page.getByLabel("Email, name or record id").press("Enter");
    const heading = page.getByTestId("tested-record");
    await expect.poll(() => heading.textContent()).toContain("Ada Lovelace");
    expect(await heading.locator(".record-name").getAttribute("title")).toBe(
      "Ada Lovelace · ada.lovelace1@example.com (record 1)",
    );
    expect(await page.getByLabel("Record id", { exact: true }).inputValue()).toBe("1");
    // The rule reads as the builder's folded rule; a contact's own events name no contact.
    const rule = page.locator("#test-result .result-group td").first();
    expect(await rule.textContent()).toMatch(/^Meeting · .*is Completed · \+10$/);
    expect(await page.locator("#test-result table.events thead th").allTextContents()).toEqual([
      "Event",
      "When",
      "Points",
      "After decay",
    ]);
    await shots("test-panel", "#test-result");
  });

  it("draws the preview with labelled axes and the thresholds as lines, and names the records an edit moves", async () => {
    await page.getByLabel("High from").fill("15");
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const chart = page.locator("#preview-result svg.histogram");
    await expect.poll(() => chart.locator("rect.bar").count()).toBeGreaterThan(0);
    expect(await chart.locator(".axis-title").allTextContents()).toEqual(["Score", "Records"]);
    expect(await chart.locator(".threshold-label").allTextContents()).toEqual(["high ≥ 15", "medium ≥ 10"]);
    const moved = page.locator(".impact tbody tr td:first-child .record-name");
    await expect.poll(() => moved.count()).toBeGreaterThan(0);
    for (const name of await moved.allTextContents()) expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(await page.locator(".impact tbody tr").first().locator("td").allTextContents()).toEqual([
      expect.any(String),
      "medium → high",
      "20 → 20",
    ]);
    await shots("preview", "#preview-result");
  });

  it("says each history change in words and charts it against dated axes and threshold lines", async () => {
    await page.getByLabel("Record id", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Show history" }).click();
    const chart = page.locator("#history-result svg.history");
    await expect.poll(() => chart.locator("circle.point").count()).toBe(6);
    expect(await page.getByTestId("history-record").textContent()).toBe("History of Ada Lovelace");
    expect(await chart.locator(".threshold-label").allTextContents()).toEqual(["high ≥ 15", "medium ≥ 10"]);
    expect((await chart.locator("text.tick").allTextContents()).some((t) => /^(Nov|Dec) \d+/.test(t))).toBe(
      true,
    );
    const causes = await page.locator("table.history-changes tbody td:last-child").allTextContents();
    expect(causes).toEqual([
      "score enabled",
      "meeting logged",
      "meeting logged, job title changed",
      "decay step or time window",
      "reset by workflow",
      "meeting logged",
    ]);
    await shots("history", "#history-result");
  });

  it("shows a combined score's letters as a 3×3 grid with counts", async () => {
    await page.goto(`${app.base}/admin/portals/${PORTAL}/scores/combined`);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const grid = page.getByTestId("combined-grid");
    await expect.poll(() => grid.locator("td[data-value]").count()).toBe(9);
    expect(
      await grid.locator("td[data-value]").evaluateAll((cells) => cells.map((c) => c.dataset.value)),
    ).toEqual(["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"]);
    const counts = await grid.locator(".cell-count").allTextContents();
    expect(counts.reduce((sum, c) => sum + Number(c), 0)).toBe(40);
    await shots("combined-grid", "#preview-result");
    expect(pageErrors).toEqual([]);
  });
});
