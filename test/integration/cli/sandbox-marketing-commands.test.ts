import { PassThrough } from "node:stream";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerSandboxCommand } from "../../../src/cli/sandbox-command.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// `lead-score sandbox submit-form | open-email | click-email | view-page` against a running sandbox:
// each leaves the feed entry the app reads and the contact's roll-up change (a webhook).

let s: TestSandbox;
let contactId: number;
const email = "ada@acme.test";
beforeEach(async () => {
  s = await startTestSandbox({ seed: "none" });
  contactId = Number(
    (await s.call("POST", "/__sandbox/records/contacts", { properties: { email } })).json.id,
  );
});
afterEach(() => s.close());

async function run(args: string[]) {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk) => {
    text += String(chunk);
  });
  const program = new Command("lead-score").exitOverride();
  registerSandboxCommand(program, { out, env: { SANDBOX_URL: s.url } });
  await program.parseAsync(["node", "lead-score", "sandbox", ...args]);
  return text;
}

const changesOf = async (name: string) =>
  (await s.call("GET", "/__sandbox/changes?limit=1000")).json.results.filter(
    (c: { propertyName: string }) => c.propertyName === name,
  );
const now = new Date(SANDBOX_EPOCH_MS).toISOString();

describe("lead-score sandbox marketing commands", () => {
  it("submit-form submits the portal's first form as the contact, by email", async () => {
    const form = (await s.call("POST", "/__sandbox/forms", { name: "Contact us – demo" })).json;
    expect(await run(["submit-form", "--contact", email, "--value", "company=Acme"])).toBe(
      `contact ${contactId} submitted "Contact us – demo": num_conversion_events 1, recent_conversion_date ${now}\n`,
    );
    const [submission] = s.sandbox.portal.forms.submissions(form.guid, null, 10);
    expect(submission?.values).toEqual([
      { name: "email", value: email },
      { name: "company", value: "Acme" },
    ]);
    expect(await changesOf("num_conversion_events")).toEqual([
      expect.objectContaining({
        objectId: contactId,
        propertyValue: "1",
        subscriptionType: "contact.propertyChange",
      }),
    ]);
  });

  it("open-email and click-email record the email events and the contact's counts", async () => {
    const campaign = (
      await s.call("POST", "/__sandbox/email-campaigns", {
        name: "Launch",
        subject: "Hi",
        sentAt: SANDBOX_EPOCH_MS - 60_000,
      })
    ).json;
    expect(await run(["open-email", "--contact", String(contactId)])).toBe(
      `contact ${contactId}, email campaign ${campaign.id}: DELIVERED, OPEN; hs_email_open 1, hs_email_last_open_date ${now}\n`,
    );
    const clicked = await run([
      "click-email",
      "--contact",
      email,
      "--campaign",
      String(campaign.id),
      "--link",
      "https://acme.test/pricing",
      "--at",
      String(SANDBOX_EPOCH_MS + 1),
    ]);
    expect(clicked).toBe(
      `contact ${contactId}, email campaign ${campaign.id}: CLICK; hs_email_click 1, hs_email_last_click_date ${new Date(SANDBOX_EPOCH_MS + 1).toISOString()}\n`,
    );
    const click = s.sandbox.portal.emailEvents.page({ eventType: "CLICK" }, null, 1)[0];
    expect(click?.details).toMatchObject({ url: "https://acme.test/pricing" });
    // The open set it to 0 (the contact now has email activity), the click to 1.
    expect(
      (await changesOf("hs_email_click")).map((c: { propertyValue: string }) => c.propertyValue),
    ).toEqual(["0", "1"]);
  });

  it("view-page records an e_visited_page event and counts the page view", async () => {
    expect(
      await run([
        "view-page",
        "--contact",
        email,
        "--page",
        "https://acme.test/pricing",
        "--title",
        "Pricing",
      ]),
    ).toBe(
      `contact ${contactId} viewed https://acme.test/pricing: hs_analytics_num_page_views 1, hs_analytics_num_visits 1\n`,
    );
    const [event] = s.sandbox.portal.webEvents.page({ objectId: contactId }, null, 10);
    expect(event).toMatchObject({
      eventType: "e_visited_page",
      properties: { hs_url: "https://acme.test/pricing", hs_title: "Pricing" },
    });
    expect(await changesOf("hs_analytics_num_page_views")).toHaveLength(1);
  });

  it("says which contact is missing", async () => {
    await expect(
      run(["view-page", "--contact", "nobody@acme.test", "--page", "https://acme.test/"]),
    ).rejects.toThrow(/404: no contact with id or email nobody@acme.test/);
  });
});
