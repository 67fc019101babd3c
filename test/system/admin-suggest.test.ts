import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxClient } from "../../src/cli/sandbox-client.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningSandboxMode, startSandboxMode } from "../../src/sandbox-mode/start-sandbox-mode.js";
import { collectPageErrors, launchChromium } from "./support/launch-chromium.js";
import { PLANTED, plantConversions } from "./support/plant-conversions.js";

// "Suggest a score" end to end in Debian's headless Chromium against `npm start`'s sandbox mode (docs/scoring.md
// §Suggested scores, docs/decisions.md §Evidence beside suggested rules): the form on the portal's stages,
// refusals beside their fields, the job followed to its end, the evidence in words and bars, the draft in
// the builder with each rule's evidence until it is edited, saved and enabled; and a stage pair nobody
// makes, refused for too few labels with what to try; and an engagement score over contacts that did
// nothing, refused as having no signal. Screenshots at 1440×900 and 1024×768 go to
// test-artifacts/ for a person to look at.

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;
const ADMIN_TOKEN = "system-suggest-admin-token";
const SIZES = [
  [1440, 900],
  [1024, 768],
] as const;

let dir: string;
let running: RunningSandboxMode;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let draftUrl = "";

/** Full-page screenshots at both laptop sizes, back at 1440×900 after. */
async function shots(name: string) {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${ARTIFACTS}${name}-${width}.png`, fullPage: true });
    // Nothing wider than the window: no sideways scrolling at either size.
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** What the page shows a person, without raw JSON. */
async function expectNoJson() {
  const text = await page.locator("main").textContent();
  expect(text).not.toMatch(/[{[]"|"\w+":/);
}

/** A fresh form on the portal's stages, filled by `choose`, sent; the refusal it ends in. */
async function suggestRefused(choose: () => Promise<unknown>) {
  await page.goto(`${running.appUrl}/admin/portals/${running.portalId}/suggest`);
  await expect.poll(() => page.getByLabel("From stage").locator("option").count()).toBe(8);
  await choose();
  await page.getByRole("button", { name: "Suggest a score" }).click();
  const refusal = page.locator("#suggest-result .no-draft");
  await refusal.waitFor({ timeout: 60_000 });
  return refusal;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), "lead-score-suggest-"));
  running = await startSandboxMode(
    loadConfig({
      DATA_DIR: dir,
      PORT: "0",
      SANDBOX_SEED: "none",
      SANDBOX_RATE_LIMIT_PER_10S: "10000",
      ADMIN_TOKEN,
    }),
    { logger: createLogger("silent"), version: "9.9.9-test", webhooks: { retryBaseMs: 5, retryMaxMs: 20 } },
  );
  running.composed.start();
  await plantConversions(createSandboxClient(running.sandboxUrl));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  collectPageErrors(page, pageErrors);
  // A step that cannot happen fails within 15 s with its call log, not at the test's timeout.
  page.setDefaultTimeout(15_000);
  await page.goto(`${running.appUrl}/admin/sign-in`);
  await page.getByLabel("ADMIN_TOKEN of this installation").fill(ADMIN_TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**/admin/portals/${running.portalId}`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await running?.composed.runner.onIdle();
  await running?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("Suggest a score in Chromium", () => {
  it("says what will happen, puts refusals beside their fields, follows the job and reads its evidence", async () => {
    await page.getByRole("link", { name: "Suggest a score" }).click();
    await page.waitForURL(`**/admin/portals/${running.portalId}/suggest`);
    const from = page.getByLabel("From stage");
    // The portal's own stages, read from its lifecyclestage options.
    await expect.poll(() => from.locator("option").count()).toBe(8);
    await page.getByLabel("Type").selectOption("fit");
    await from.selectOption("marketingqualifiedlead");
    await page.getByLabel("To stage").selectOption("salesqualifiedlead");
    await page.getByLabel("Within days").fill("30");
    expect(await page.locator("#suggest-sentence").textContent()).toMatch(
      /^lead-score compares the contacts that went from Marketing Qualified Lead to Sales Qualified Lead within 30 days with those that did not, and drafts a fit score/,
    );

    await shots("suggest-00-form");

    // A time frame over a year: refused by the API, said beside the field.
    await page.getByLabel("Within days").fill("400");
    await page.getByRole("button", { name: "Suggest a score" }).click();
    const withinError = page.locator('[data-path="withinDays"] .field-error');
    await expect.poll(() => withinError.textContent()).toBe("Use 365 or less.");
    expect(await page.getByLabel("Within days").getAttribute("aria-invalid")).toBe("true");
    await shots("suggest-01-refused");
    // The same stage twice: refused beside the stage to reach.
    await page.getByLabel("Within days").fill("30");
    await page.getByLabel("To stage").selectOption("marketingqualifiedlead");
    expect(await page.locator("#suggest-sentence").textContent()).toBe(
      "Choose a stage to reach other than Marketing Qualified Lead.",
    );
    await page.getByRole("button", { name: "Suggest a score" }).click();
    await expect
      .poll(() => page.locator('[data-path="to"] .field-error').textContent())
      .toBe("Choose a stage other than From stage.");
    expect(await page.locator("#suggest-messages li").allTextContents()).toEqual([
      "To stage: Choose a stage other than From stage.",
    ]);
    await page.getByLabel("To stage").selectOption("salesqualifiedlead");

    await page.getByLabel("Within days").fill("30");
    await page.getByRole("button", { name: "Suggest a score" }).click();
    expect(await page.locator(".field-error").count()).toBe(0);
    const open = page.getByRole("link", { name: "Open the draft in the builder" });
    const job = page.locator("#suggest-job");
    await expect
      .poll(() => job.getAttribute("data-status"), { timeout: 120_000, interval: 500 })
      .toMatch(/^(done|failed)$/);
    // A failure shows its words here: the job's text and what the page said of it.
    expect(await page.locator("#suggest-progress").textContent()).toContain("Open the draft in the builder");
    expect(await job.locator(".job-text").textContent()).toMatch(
      /^suggested a draft at .+ UTC from 80 labelled records$/,
    );
    const result = page.locator("#suggest-result");
    expect(await result.locator("p.auc").textContent()).toMatch(
      /^Ranks a converter above a non-converter \d+\s% of the time \(AUC [01]\.\d\d on \d+ held-out contacts; 50\s% is a coin toss\)\.$/,
    );
    const facts = await result.locator("dl.facts").textContent();
    expect(facts).toContain(
      `${PLANTED.contacts} contacts: ${PLANTED.converted} converted, ${PLANTED.notConverted} did not`,
    );
    expect(facts).toMatch(/reached Marketing Qualified Lead from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(UTC\)/);
    // Conversion per tier and per decile, each bar with its percentage and its counts on hover.
    const charts = result.locator("svg.performance-bars");
    expect(await charts.count()).toBe(2);
    expect(await charts.nth(1).locator("rect.bar").count()).toBe(10);
    expect(await charts.nth(0).locator("rect.bar title").first().textContent()).toMatch(
      /^\S+: (\d+ of \d+ \(\d+%\)|no records) converted$/,
    );
    // The planted signal is a rule, with the records it is based on.
    const rows = result.locator("table.evidence-rules tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.allInnerTexts()).toContainEqual(expect.stringMatching(/CTO/));
    await expectNoJson();
    draftUrl = (await open.getAttribute("href")) ?? "";
    expect(draftUrl).toMatch(new RegExp(`^/admin/portals/${running.portalId}/scores/[\\w-]+$`));
    await result.scrollIntoViewIfNeeded();
    await shots("suggest-02-evidence");
    // The address names the job: a reload shows the same suggestion again, the form as it was asked.
    expect(new URL(page.url()).searchParams.get("type")).toBe("fit");
    await page.reload();
    await open.waitFor();
    expect(await page.getByLabel("Type").inputValue()).toBe("fit");
    expect(await open.getAttribute("href")).toBe(draftUrl);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("opens the draft with the overall evidence on top and each rule's own, until the rule is edited; saves and enables it", async () => {
    await page.getByRole("link", { name: "Open the draft in the builder" }).click();
    await page.waitForURL(`**${draftUrl}`);
    const panel = page.locator("#suggestion");
    await panel.locator("p.auc").waitFor();
    expect(await panel.locator("h2").textContent()).toBe("Suggested by lead-score");
    expect(await panel.textContent()).toContain(
      `${PLANTED.contacts} contacts: ${PLANTED.converted} converted`,
    );
    const notes = page.locator(".rule-evidence");
    await expect.poll(() => notes.count()).toBeGreaterThan(0);
    expect(await notes.first().textContent()).toMatch(/^\d+ contacts? · (\d+\s%|—) vs (\d+\s%|—) converted$/);
    expect(await notes.first().getAttribute("title")).toMatch(
      /^Suggested: .+\. \d+ of \d+ contacts have it: /,
    );
    const ctoRule = page.locator(".rule.folded").filter({ hasText: "CTO" });
    expect(await ctoRule.locator(".rule-evidence").textContent()).toBe(
      "40 contacts · 80\u00a0% vs 20\u00a0% converted",
    );
    await expectNoJson();
    await shots("suggest-03-builder");

    // Editing the first rule's points: its evidence gives way, the others keep theirs; so after saving.
    const firstRule = page.locator('[data-path="groups[0].rules[0]"]');
    await firstRule.locator(".rule-toggle").click();
    const points = page.locator('[data-path="groups[0].rules[0].points"] input').first();
    const before = Number(await points.inputValue());
    await points.fill(String(before - 1));
    await expect.poll(() => firstRule.locator(".rule-evidence").textContent()).toBe("edited since suggested");
    const others = await notes.count();
    if (others > 1) expect(await notes.nth(1).textContent()).not.toBe("edited since suggested");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect.poll(() => page.locator("#messages").textContent()).toMatch(/saved/i);
    await page.reload();
    await expect
      .poll(() => page.locator('[data-path="groups[0].rules[0]"] .rule-evidence').textContent())
      .toBe("edited since suggested");
    await shots("suggest-04-edited");

    await page.getByRole("button", { name: "Enable" }).click();
    await expect.poll(() => page.locator("#score-status").textContent(), { timeout: 30_000 }).toBe("enabled");
    await expect
      .poll(() => page.locator("#job-progress").textContent(), { timeout: 60_000 })
      .toMatch(/rescored \d+ records at /);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("refuses a stage pair nobody makes for too few labels, with the counts and what to try", async () => {
    const tooFew = await suggestRefused(async () => {
      await page.getByLabel("From stage").selectOption("evangelist");
      await page.getByLabel("To stage").selectOption("other");
    });
    // Said once, in the outcome: the job's bar and its text are gone.
    expect(await page.locator("#suggest-job").textContent()).toBe("");
    const text = await tooFew.textContent();
    expect(text).toMatch(/^No draft from these records: .*\d/);
    expect(text).toContain("Try a longer time frame than 30 days, or other stages");
    await expectNoJson();
    await shots("suggest-05-too-few");
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it("says when enough records were labelled but nothing tells them apart, and what to try", async () => {
    // The planted contacts did nothing before their decision instants: an engagement score has nothing to weigh.
    const noDraft = await suggestRefused(() => page.getByLabel("Type").selectOption("engagement"));
    expect(await noDraft.locator("p").allTextContents()).toEqual([
      expect.stringMatching(/^No draft from these records: .*80/),
      "Try a fit score for the same stages, or other stages: what the contacts did before does not foretell this move.",
    ]);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
