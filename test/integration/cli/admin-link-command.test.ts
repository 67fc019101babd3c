import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AdminLinkCommandIo, registerAdminLinkCommand } from "../../../src/cli/admin-link-command.js";
import type { CliError } from "../../../src/cli/cli-error.js";
import { createBrowserClient } from "../../fixtures/admin/browser-client.js";
import { ADMIN_TOKEN, type AdminApp, startAdminApp } from "../../fixtures/admin/start-admin-app.js";
import { allowOnlyLocalhost } from "../../support/allow-only-localhost.js";
import { captureStream } from "../../support/capture-stream.js";

// `lead-score admin-link` through commander parsing, against the admin API of an app on port 0
// (docs/decisions.md §Admin sign-in): the printed link signs a browser in once.

const PORTAL = 62515;
const OTHER = 9;
let app: AdminApp;

async function run(args: string[], io: Partial<AdminLinkCommandIo> = {}) {
  const out = captureStream();
  const err = captureStream();
  const program = new Command("lead-score").exitOverride();
  registerAdminLinkCommand(program, { out: out.stream, err: err.stream, env: { ADMIN_TOKEN }, ...io });
  let error: unknown;
  await program.parseAsync(["node", "lead-score", "admin-link", ...args]).catch((e: unknown) => {
    error = e;
  });
  return { out: out.text(), err: err.text(), error: error as CliError | undefined };
}

/** Opens the link and clicks Continue, as a person would. */
async function redeem(url: string) {
  const browser = createBrowserClient(app.base);
  const page = await browser.request("GET", url.slice(app.base.length));
  const res = await browser.request("POST", "/admin/sign-in/link", {
    form: { token: browser.hidden(page.text, "token"), _sign_in: browser.hidden(page.text, "_sign_in") },
  });
  return { browser, res };
}

allowOnlyLocalhost();
beforeEach(async () => {
  app = await startAdminApp({ portalIds: [PORTAL, OTHER] });
});
afterEach(async () => {
  await app.close();
});

describe("lead-score admin-link", () => {
  it("prints a link on stdout alone that signs in once to every portal, its validity on stderr", async () => {
    const { out, err, error } = await run(["--url", app.base]);
    expect(error).toBeUndefined();
    const url = out.trim();
    expect(out).toBe(`${url}\n`);
    expect(url).toMatch(new RegExp(`^${app.base}/admin/sign-in/link\\?token=[\\w-]{43}$`));
    expect(err).toContain("a sign-in link to every portal; it works once, until ");
    const { browser, res } = await redeem(url);
    expect(res.status).toBe(303);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(200);
    expect((await redeem(url)).res.status).toBe(410);
  });

  it("binds the link to one portal with --portal, finding the app through LEAD_SCORE_URL", async () => {
    const { out, err } = await run(["--portal", String(PORTAL)], {
      env: { ADMIN_TOKEN, LEAD_SCORE_URL: app.base },
    });
    expect(err).toContain(`a sign-in link to portal ${PORTAL}`);
    const { browser } = await redeem(out.trim());
    expect((await browser.request("GET", `/api/portals/${PORTAL}/scores`)).status).toBe(200);
    expect((await browser.request("GET", `/api/portals/${OTHER}/scores`)).status).toBe(404);
  });

  it("exits with the app's answer for a wrong token, and asks for one when none is set", async () => {
    const wrong = await run(["--url", app.base], { env: { ADMIN_TOKEN: "wrong-token-wrong-token" } });
    expect(wrong.error?.lines.join("\n")).toContain("401 unauthorized");
    expect(wrong.out).toBe("");
    const none = await run(["--url", app.base], { env: {} });
    expect(none.error?.lines.join("\n")).toContain("no admin token: set ADMIN_TOKEN");
  });
});
