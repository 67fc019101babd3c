import { PassThrough } from "node:stream";
import { Command } from "commander";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "../../../src/cli/cli-error.js";
import { registerSandboxCommand, type SandboxCommandIo } from "../../../src/cli/sandbox-command.js";
import { loadWebhookSubscriptions } from "../../../src/sandbox/load-webhook-subscriptions.js";
import {
  SANDBOX_EPOCH_MS,
  startTestSandbox,
  type TestSandbox,
} from "../../fixtures/sandbox/start-test-sandbox.js";

// `lead-score sandbox ...` through commander parsing, against a running sandbox on port 0.

let s: TestSandbox;
beforeEach(async () => {
  s = await startTestSandbox();
});
afterEach(() => s.close());

async function run(args: string[], io: Partial<SandboxCommandIo> = {}) {
  const out = new PassThrough();
  let text = "";
  out.on("data", (chunk) => {
    text += String(chunk);
  });
  const program = new Command("lead-score").exitOverride();
  registerSandboxCommand(program, { out, env: { SANDBOX_URL: s.url }, ...io });
  await program.parseAsync(["node", "lead-score", "sandbox", ...args]);
  return text;
}

const firstContact = () => s.sandbox.portal.records.page("contacts", 0, 1)[0]?.id as number;

describe("lead-score sandbox", () => {
  it("advance-clock moves the sandbox clock", async () => {
    expect(await run(["advance-clock", "2d"])).toBe(
      `sandbox clock: ${new Date(SANDBOX_EPOCH_MS + 2 * 86_400_000).toISOString()}\n`,
    );
    expect(s.sandbox.clock.nowMs()).toBe(SANDBOX_EPOCH_MS + 2 * 86_400_000);
  });

  it("set-property edits a record as a user would (changeSource CRM_UI)", async () => {
    const id = firstContact();
    expect(await run(["set-property", "contacts", String(id), "jobtitle=CTO", "city="])).toBe(
      `contacts ${id}: set jobtitle, city\n`,
    );
    const record = s.sandbox.portal.records.get("contacts", id);
    expect(record?.properties.jobtitle).toBe("CTO");
    expect(record?.properties.city).toBeUndefined();
    expect(s.sandbox.portal.changes.read(0, 10).at(-2)).toMatchObject({ changeSource: "CRM_UI" });
  });

  it("log-meeting logs a completed meeting on the contact", async () => {
    const id = firstContact();
    const line = await run(["log-meeting", "--contact", String(id), "--property", "hs_meeting_title=Demo"]);
    expect(line).toMatch(new RegExp(`^meeting \\d+ logged on contact ${id}( and company \\d+)?\\n$`));
    const meetingId = Number(/meeting (\d+)/.exec(line)?.[1]);
    expect(s.sandbox.portal.records.get("meetings", meetingId)?.properties).toMatchObject({
      hs_meeting_outcome: "COMPLETED",
      hs_meeting_title: "Demo",
    });
  });

  it("associate links two records with a label", async () => {
    const contact = firstContact();
    const company = s.sandbox.portal.records.page("companies", 0, 2)[1]?.id as number;
    const args = ["associate", "contacts", String(contact), "companies", String(company)];
    expect(await run([...args, "--label", "Decision maker"])).toBe(
      `associated contacts ${contact} → companies ${company} (Decision maker)\n`,
    );
    const targets = s.sandbox.portal.associations.targets("contacts", contact, "companies", 0, 10);
    expect(targets.find((t) => t.toObjectId === company)?.associationTypes).toContainEqual(
      expect.objectContaining({ label: "Decision maker" }),
    );
  });

  it("dissociate, delete, restore, merge, gdpr-delete and remove-from-list act as a person in HubSpot would", async () => {
    const [contact, other, third] = s.sandbox.portal.records.page("contacts", 0, 3).map((r) => String(r.id));
    const company = String(s.sandbox.portal.records.page("companies", 0, 1)[0]?.id);
    await run(["associate", "contacts", String(contact), "companies", company]);
    expect(await run(["dissociate", "contacts", String(contact), "companies", company])).toBe(
      `dissociated contacts ${contact} from companies ${company}\n`,
    );
    expect(
      s.sandbox.portal.associations
        .targets("contacts", Number(contact), "companies", 0, 100)
        .map((t) => String(t.toObjectId)),
    ).not.toContain(company);
    expect(await run(["delete", "contacts", String(contact)])).toBe(`contacts ${contact}: deleted\n`);
    expect(s.sandbox.portal.records.get("contacts", Number(contact))).toBeNull();
    expect(await run(["restore", "contacts", String(contact)])).toBe(`contacts ${contact}: restored\n`);
    expect(s.sandbox.portal.records.get("contacts", Number(contact))).not.toBeNull();
    expect(await run(["merge", "contacts", String(contact), String(other)])).toMatch(
      new RegExp(`^contacts ${other} merged into ${contact} \\(\\d+ properties moved\\)\n$`),
    );
    expect(s.sandbox.portal.records.get("contacts", Number(other))).toBeNull();
    const { listId } = s.sandbox.portal.lists.create({ name: "L", objectTypeId: "0-1" }, SANDBOX_EPOCH_MS);
    s.sandbox.portal.lists.addMembers(listId, [Number(third)], SANDBOX_EPOCH_MS);
    expect(await run(["remove-from-list", "--list", String(listId), String(third)])).toBe(
      `list ${listId}: 1 removed\n`,
    );
    expect(await run(["gdpr-delete", String(third)])).toBe(`contact ${third}: erased\n`);
    await expect(run(["restore", "contacts", String(third)])).rejects.toThrow(/answered 404/);
  });

  it("seed adds generated records to the running portal", async () => {
    const before = s.sandbox.portal.records.count("contacts");
    expect(await run(["seed", "--contacts", "25", "--companies", "3", "--deals", "0"])).toMatch(
      /^added 25 contacts, 3 companies, 0 deals, /,
    );
    expect(s.sandbox.portal.records.count("contacts")).toBe(before + 25);
  });

  it("stats prints calls per endpoint and 429s served", async () => {
    await s.crm("POST", "/crm/v3/objects/contacts/batch/read", { inputs: [], properties: [] });
    const text = await run(["stats"]);
    expect(text).toContain("1  POST /crm/v3/objects/contacts/batch/read");
    expect(text).toContain("429s served: 0");
    expect(text).toContain("webhooks to (no target: the app is not installed yet)");
    expect(text).toContain("webhooks sent for every change (the sandbox was given no subscriptions)");
    expect(JSON.parse(await run(["stats", "--json"]))).toMatchObject({
      total: 1,
      webhooks: { pendingBatches: 0 },
    });
  });

  it("says how to name the sandbox when neither --url nor SANDBOX_URL is given", async () => {
    await expect(run(["stats"], { env: {} })).rejects.toThrow(CliError);
    await expect(run(["stats"], { env: {} })).rejects.toThrow(/--url .* or set SANDBOX_URL/);
  });

  it("says the sandbox is not reachable, and passes on its error messages", async () => {
    await expect(run(["stats", "--url", "http://127.0.0.1:1"])).rejects.toThrow(/cannot reach the sandbox/);
    await expect(run(["set-property", "contacts", "999999", "jobtitle=x"])).rejects.toThrow(/answered 404/);
  });

  it("start runs a standalone sandbox and prints the SANDBOX_URL to use", async () => {
    let running: { url: string; close(): Promise<void> } | undefined;
    const text = await run(["start", "--port", "0", "--seed", "none", "--data-dir", ":memory:"], {
      env: {},
      started: (r) => {
        running = r;
      },
    });
    expect(text).toContain(`export SANDBOX_URL=${running?.url}`);
    expect(JSON.parse(text.split("\n")[0] ?? "")).toMatchObject({ seed: "none", counts: { contacts: 0 } });
    expect((await fetch(`${running?.url}/__sandbox/clock`)).status).toBe(200);
    await running?.close();
  });

  it("start --tier professional (or SANDBOX_TIER) runs a portal whose event analytics answers 403", async () => {
    for (const [flags, env] of [
      [["--tier", "professional"], {}],
      [[], { SANDBOX_TIER: "professional" }],
    ] as const) {
      let running: { url: string; close(): Promise<void> } | undefined;
      const args = ["start", "--port", "0", "--seed", "none", "--data-dir", ":memory:", ...flags];
      const text = await run(args, {
        env,
        started: (r) => {
          running = r;
        },
      });
      expect(JSON.parse(text.split("\n")[0] ?? "")).toMatchObject({ tier: "professional" });
      const { accessToken } = (await (
        await fetch(`${running?.url}/__sandbox/tokens`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        })
      ).json()) as { accessToken: string };
      const types = await fetch(`${running?.url}/events/v3/events/event-types`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(types.status).toBe(403);
      await running?.close();
    }
    await expect(run(["start", "--tier", "starter", "--data-dir", ":memory:"], { env: {} })).rejects.toThrow(
      /SANDBOX_TIER/,
    );
  });

  it("start --subscriptions sends only what the app's webhooks file subscribes to", async () => {
    let running: { url: string; close(): Promise<void> } | undefined;
    const args = ["start", "--port", "0", "--seed", "none", "--data-dir", ":memory:"];
    const text = await run([...args, "--subscriptions", "webhooks/webhooks.json"], {
      env: {},
      started: (r) => {
        running = r;
      },
    });
    const count = loadWebhookSubscriptions("webhooks/webhooks.json").length;
    expect(JSON.parse(text.split("\n")[0] ?? "")).toMatchObject({
      webhooksSent: `what ${count} subscriptions cover`,
    });
    const webhooks = await (await fetch(`${running?.url}/__sandbox/webhooks`)).json();
    expect(webhooks).toMatchObject({ subscriptions: count, unsubscribedChanges: 0 });
    expect(await run(["stats", "--url", running?.url ?? ""])).toContain(
      `webhooks sent for what ${count} subscriptions cover; 0 other changes skipped`,
    );
    await running?.close();
  });

  it("start --subscriptions names the setting and the file it cannot read", async () => {
    const args = ["start", "--port", "0", "--seed", "none", "--data-dir", ":memory:"];
    await expect(run([...args, "--subscriptions", "no/such/webhooks.json"], { env: {} })).rejects.toThrow(
      /SANDBOX_WEBHOOK_SUBSCRIPTIONS: no\/such\/webhooks\.json: ENOENT/,
    );
  });
});
