import { mkdirSync } from "node:fs";
import nock from "nock";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALL_OUTCOMES } from "../fixtures/admin/mock-picker-catalog.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../fixtures/admin/start-admin-app.js";
import { createDummyInstallation } from "../fixtures/installation.js";
import { closeAdminSuite, collectPageErrors, launchChromium } from "./support/launch-chromium.js";
import { ADA, mockPickersJourneyPortal } from "./support/pickers-journey-portal.js";

// The builder's pickers in Debian's headless Chromium (docs/decisions.md §Builder pickers): a combined
// contact score built from scratch by choosing labels, ticking options and lists and picking dates,
// never typing an internal name; the saved definition holds the internal names, GUIDs and list ids. Then, on
// that score, "Test a record" by a contact's full name (docs/decisions.md §Test a record search), Enable, the
// rescore to its end and the contact's history. Screenshots at two laptop sizes go to test-artifacts/ for a
// person to look at.

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const PORTAL = 62516;
const outcome = (label: string) => CALL_OUTCOMES.find(([, l]) => l === label)?.[0];

let app: AdminApp;
let browser: Browser;
let page: Page;
let portal: ReturnType<typeof mockPickersJourneyPortal>;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  portal = mockPickersJourneyPortal();
  app = await startAdminApp();
  await app.installations.save(createDummyInstallation({ portalId: PORTAL }));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  collectPageErrors(page, pageErrors);
  // Every catalog is answered: no request of the page may fail.
  page.on("response", (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
  });
}, 60_000);

afterAll(() => closeAdminSuite(browser, app));

/** Types part of a label into a picker (once its catalog is there) and clicks the option with that label. */
async function pick(label: string, typed: string, option: string) {
  const input = page.getByLabel(label, { exact: true }).last();
  await expect.poll(() => input.getAttribute("role")).toBe("combobox");
  await input.fill("");
  await input.pressSequentially(typed);
  await page.getByRole("option", { name: option }).click();
}

describe("the builder's pickers in Chromium", () => {
  it("builds a combined contact score by labels, options, lists and dates, and saves internal values", async () => {
    await page.goto(`${app.base}/admin/sign-in`);
    await page.getByLabel("ADMIN_TOKEN of this installation").fill(ADMIN_TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`**/admin/portals/${PORTAL}`);
    await page.goto(`${app.base}/admin/portals/${PORTAL}/scores/new`);

    await page.getByLabel("Name", { exact: true }).fill("Contact lead");
    await page.getByLabel("Id", { exact: true }).fill("contact-lead");
    await page.getByLabel("Type", { exact: true }).selectOption("combined");
    await page.getByLabel("Property name").fill("ls_contact_lead");

    // Lists by name for the scope: members of Customers, never the newsletter's.
    await page.getByLabel("Scope", { exact: true }).selectOption("lists");
    const include = page.locator('[data-path="records.include"]');
    await include.getByLabel("Customers (40)").check();
    const exclude = page.locator('[data-path="records.exclude"]');
    await exclude.getByLabel("Newsletter subscribers (1200)").check();
    expect(await include.getByText("Target accounts").count()).toBe(0);

    // The engagement rule: calls (picked by name), connected or left voicemail, after a date, twice.
    await pick("Event type", "cal", "Call");
    await page.getByRole("button", { name: "Add condition" }).first().click();
    await pick("Property", "outc", "Call outcome");
    const where = page.locator('[data-path="groups[0].rules[0].where[0].values"]');
    await where.getByLabel("Connected").check();
    await where.getByLabel("Left voicemail").check();
    await page.getByLabel("Timeframe").selectOption("after");
    await page.getByLabel("Date", { exact: true }).fill("2026-09-01");
    await page.getByLabel("Frequency").selectOption("atLeast");
    await page.getByLabel("Times").fill("2");

    // The fit rule: lifecycle stage picked by label, two stages ticked.
    await page.getByRole("button", { name: "Add fit group" }).click();
    await pick("Property", "lifecycle", "Lifecycle Stage");
    const stages = page.locator('[data-path="groups[1].rules[0].values"]');
    await stages.getByLabel("Sales Qualified Lead").check();
    await stages.getByLabel("Opportunity").check();
    // A value no option offers is typed, and kept as a ticked box of its own.
    await stages.getByLabel("Another value, typed").fill("partner");
    await stages.getByLabel("Another value, typed").press("Enter");
    await expect.poll(() => stages.getByLabel("partner").isChecked()).toBe(true);
    // The internal name shows on hover.
    expect(await page.getByLabel("Property", { exact: true }).last().getAttribute("title")).toBe(
      "lifecyclestage",
    );

    // A list rule: the lists by name, no property to pick.
    await page.getByRole("button", { name: "Add rule" }).last().click();
    await page.getByLabel("Operator").last().selectOption("inList");
    await page.locator('[data-path="groups[1].rules[1].values"]').getByLabel("Customers (40)").check();
    expect(await page.locator('[data-path="groups[1].rules[1].property"]').count()).toBe(0);

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.locator("#messages").textContent()).toContain("Saved revision 1");
    const saved = (await page.evaluate(
      async (portal) => (await fetch(`/api/portals/${portal}/scores/contact-lead`)).json(),
      PORTAL,
    )) as { definition: unknown };
    expect(saved.definition).toMatchObject({
      object: "contacts",
      type: "combined",
      records: { mode: "lists", include: ["32"], exclude: ["31"] },
      groups: [
        {
          kind: "engagement",
          rules: [
            {
              event: "call",
              where: [
                {
                  property: "hs_call_disposition",
                  operator: "in",
                  values: [outcome("Connected"), outcome("Left voicemail")],
                },
              ],
              timeframe: { after: "2026-09-01" },
              frequency: { atLeast: 2 },
            },
          ],
        },
        {
          kind: "fit",
          rules: [
            {
              property: "lifecyclestage",
              operator: "in",
              values: ["salesqualifiedlead", "opportunity", "partner"],
            },
            { property: "lists", operator: "inList", values: ["32"] },
          ],
        },
      ],
    });

    // The form after a reload shows labels again, from the saved internal values.
    await page.reload();
    // A saved score's rules are folded to a line each, read with HubSpot's names: the first one opened.
    const callRule = page.locator('[data-focus="groups[0].rules[0].toggle"]');
    await expect
      .poll(() => callRule.textContent())
      .toContain("Call outcome is any of Connected, Left voicemail");
    expect(await callRule.textContent()).not.toContain(outcome("Connected"));
    expect(await page.locator('[data-focus="groups[1].rules[1].toggle"]').textContent()).toContain(
      "Is in one of the lists Customers",
    );
    await callRule.click();
    await expect.poll(() => page.getByLabel("Event type").inputValue()).toBe("Call");
    expect(await page.getByLabel("Property", { exact: true }).first().inputValue()).toBe("Call outcome");
    expect(
      await page
        .locator('[data-path="groups[0].rules[0].where[0].values"]')
        .getByLabel("Connected")
        .isChecked(),
    ).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}08-pickers-1440x900.png`, fullPage: true });
    await page.getByLabel("Property", { exact: true }).last().click();
    await page.screenshot({ path: `${ARTIFACTS}09-property-picker-open-1440x900.png` });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByLabel("Event type").click();
    await page.screenshot({ path: `${ARTIFACTS}10-event-picker-open-1024x768.png` });
    await page.keyboard.press("Escape");
    await page.screenshot({ path: `${ARTIFACTS}11-pickers-1024x768.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);

  // The same score, saved by the test above: a person tests a contact by the name they know it by, enables
  // the score and finds the value in the contact's history.
  it("tests a contact by full name, enables the score and shows the rescored value in its history", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // The event types' catalog (the call outcomes' names) is held until the test's answer is shown: the
    // panel names the rule by internal values first, and by labels once the catalog arrives.
    let releaseEventTypes = () => {};
    const eventTypesHeld = new Promise<void>((resolve) => {
      releaseEventTypes = resolve;
    });
    await page.route("**/event-types/*", async (route) => {
      await eventTypesHeld;
      await route.continue();
    });
    await page.goto(`${app.base}/admin/portals/${PORTAL}/scores/contact-lead`);
    const finder = page.getByLabel("Email, name or record id");
    await finder.fill(`${ADA.firstname} ${ADA.lastname}`);
    await finder.press("Enter");
    // CRM search's `query` finds no contact by "First Last"; the full-name filter groups find Ada alone.
    const matches = page.locator("#test-matches button");
    await expect.poll(() => matches.count()).toBe(1);
    expect(await matches.textContent()).toContain("Ada Lovelace · ada@example.com");
    await matches.click();

    // What the admin API's test endpoint answers for that contact, asked as an API client would.
    const tested = await fetch(`${app.base}/api/portals/${PORTAL}/scores/contact-lead/test`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ recordId: ADA.id }),
    });
    expect(tested.status).toBe(200);
    const expected = (await tested.json()) as { result: { score: number; engagement: number; fit: number } };
    // Two connected calls since 1 September (the no-answer one and the August one do not count) meet "at
    // least 2 times": 10; a sales qualified lead (10) in Customers (10): 20.
    expect(expected.result).toMatchObject({ score: 30, engagement: 10, fit: 20 });
    const facts = page.getByTestId("test-facts");
    await expect.poll(() => facts.textContent()).toContain(`Score${expected.result.score}`);
    expect(await facts.textContent()).toContain(`Engagement part${expected.result.engagement}`);
    expect(await facts.textContent()).toContain(`Fit part${expected.result.fit}`);
    expect(await page.getByTestId("tested-record").textContent()).toContain(
      `${ADA.firstname} ${ADA.lastname}`,
    );
    expect(await page.locator("#test-result .result-group h4").allTextContents()).toEqual([
      `Engagement: ${expected.result.engagement}`,
      `Fit: ${expected.result.fit}`,
    ]);
    const firstRule = page.locator("#test-result .result-group td").first();
    expect(await firstRule.textContent()).toContain(
      `disposition is any of ${outcome("Connected")}, ${outcome("Left voicemail")}`,
    );
    releaseEventTypes();
    await expect.poll(() => firstRule.textContent()).toContain("Call outcome is any of Connected");
    await page.unroute("**/event-types/*");
    expect(await page.locator("#test-result table.events tbody tr").textContent()).toContain(
      "Call2026-10-20 10:00 UTC",
    );
    // Each rule reads as the builder's folded rule, by HubSpot's names; a frequency rule lists its latest
    // call only, and says why. Events go by their type's label, and a contact's own events name no contact.
    const ruleRows = page.locator("#test-result .result-group > table > tbody > tr:has(> td:nth-child(3))");
    const rows = await ruleRows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent ?? "")),
    );
    expect(rows).toEqual([
      [
        "Call · Call outcome is any of Connected, Left voicemail · after 2026-09-01 · at least 2 times · +10",
        "2; points once, for the latest match",
        "10",
      ],
      ["Lifecycle Stage is any of Sales Qualified Lead, Opportunity, partner · +10", "1", "10"],
      ["Is in one of the lists Customers · +10", "1", "10"],
    ]);
    expect(await page.locator("#test-result table.events thead th").allTextContents()).toEqual([
      "Event",
      "When",
      "Points",
      "After decay",
    ]);
    await page.screenshot({ path: `${ARTIFACTS}12-test-record-1440x900.png`, fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: `${ARTIFACTS}13-test-record-1024x768.png`, fullPage: true });

    await page.getByRole("button", { name: "Enable" }).click();
    await expect
      .poll(() => page.locator("#job-progress").textContent(), { timeout: 15_000 })
      .toContain("rescored 3 records at 2026-11-23 12:00 UTC: 2 updated");
    await expect.poll(() => page.locator("#score-status").textContent()).toBe("enabled");
    await page.getByLabel("Record id", { exact: true }).fill(ADA.id);
    await page.getByRole("button", { name: "Show history" }).click();
    await expect.poll(() => page.locator("#history-result svg circle.point").count()).toBe(1);
    // The newsletter subscriber is out of scope: only Ada and Zoe (in Customers) get a value in HubSpot.
    expect(portal.objects.contacts?.[ADA.id]?.ls_contact_lead).toBe(String(expected.result.score));
    expect(portal.objects.contacts?.["3"]?.ls_contact_lead).toBe("20");
    expect(portal.objects.contacts?.["2"]?.ls_contact_lead).toBeUndefined();
    expect(await page.getByTestId("history-record").textContent()).toContain(
      `${ADA.firstname} ${ADA.lastname}`,
    );
    expect(await page.locator("#history-result table.history-changes tbody tr").textContent()).toContain(
      `—${expected.result.score}—score enabled`,
    );
    // At 1024 px the side panels' tables keep to their panels, and the page to the window.
    const overflows = async (selector: string) =>
      page.locator(selector).evaluate((element) => element.scrollWidth > element.clientWidth);
    expect(await overflows("#test-result")).toBe(false);
    expect(await overflows("#history-result")).toBe(false);
    expect(await overflows("html")).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}14-enabled-score-1024x768.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${ARTIFACTS}15-enabled-score-1440x900.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
