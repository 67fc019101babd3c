import nock from "nock";
import { type Browser, chromium, type Page } from "playwright-core";
import type { AdminApp } from "../../fixtures/admin/start-admin-app.js";

/** Debian's headless Chromium (installed by .ci/run with apt-get when missing), as the admin suites run it. */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });

/**
 * Collects what the page throws or logs as an error into `errors`, for a test to expect none. Refused
 * requests log "Failed to load resource": a test that expects a refusal (a 400 of validation) checks it itself.
 */
export function collectPageErrors(page: Page, errors: string[]): void {
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      errors.push(message.text());
  });
}

/** The end of an admin suite: the browser, then the app once its jobs are idle, then nock as it was. */
export async function closeAdminSuite(
  browser: Browser | undefined,
  app: AdminApp | undefined,
): Promise<void> {
  await browser?.close();
  await app?.runner.onIdle();
  await app?.close();
  nock.cleanAll();
  nock.enableNetConnect();
}
