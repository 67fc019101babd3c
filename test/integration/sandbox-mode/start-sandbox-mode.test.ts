import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { createLogger } from "../../../src/logger.js";
import { type RunningSandboxMode, startSandboxMode } from "../../../src/sandbox-mode/start-sandbox-mode.js";

// `npm start` with no HubSpot credentials, through the same starter main.ts uses: the app on port 0
// against an in-process sandbox portal, installed through the OAuth flow over HTTP.

const ADMIN_TOKEN = "sandbox-mode-admin-token";
const DAY_MS = 86_400_000;
let dir: string;
let running: RunningSandboxMode;

const start = () =>
  startSandboxMode(
    loadConfig({
      DATA_DIR: dir,
      PORT: "0",
      SANDBOX_SEED: "small",
      SANDBOX_RATE_LIMIT_PER_10S: "10000",
      ADMIN_TOKEN,
    }),
    { logger: createLogger("silent"), version: "9.9.9-test", webhooks: { retryBaseMs: 5, retryMaxMs: 20 } },
  );

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${running.appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

type WebhookStats = { delivered: { events: number }; failedAttempts: number; unsubscribedChanges: number };

/** A person's edit in the sandbox (or a look at its webhook sender), over its control endpoints. */
const sandboxCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${running.sandboxUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as T;
};
const firstContactId = () => running.sandbox.portal.records.page("contacts", 0, 1)[0]?.id;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lead-score-sandbox-mode-"));
  running = await start();
}, 30_000);

afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sandbox mode", () => {
  it("serves /health on the port it bound, with PUBLIC_BASE_URL following it", async () => {
    const health = await fetch(`${running.appUrl}/health`);
    expect(await health.json()).toEqual({ status: "ok", version: "9.9.9-test" });
    expect(running.appConfig.publicBaseUrl).toBe(running.appUrl);
    expect(running.appConfig.hubspot).toEqual({
      mode: "hubspot",
      clientId: "sandbox-client-id",
      clientSecret: "sandbox-client-secret",
    });
    expect(running.appConfig.hubspotApiBaseUrl).toBe(running.sandboxUrl);
  });

  it("installed the sandbox portal through OAuth: the admin API sees it connected", async () => {
    expect(running.installed).toBe("now");
    const portal = await api("GET", `/api/portals/${running.portalId}`);
    expect(portal.status).toBe(200);
    expect(portal.body).toMatchObject({
      portalId: running.portalId,
      status: "connected",
      disconnected: false,
    });
    expect(portal.body.scopes).toContain("crm.objects.contacts.write");
  });

  it("mints a sign-in link to the admin page", async () => {
    expect(running.signInLink).toMatch(new RegExp(`^${running.appUrl}/admin/sign-in/link\\?token=`));
    expect((await fetch(running.signInLink)).status).toBe(200);
  });

  it("tells the sandbox where to deliver webhooks: the app's /webhooks/hubspot", async () => {
    const webhooks = (await (await fetch(`${running.sandboxUrl}/__sandbox/webhooks`)).json()) as {
      targetUrl: string;
    };
    expect(webhooks.targetUrl).toBe(`${running.appUrl}/webhooks/hubspot`);
  });

  it("moves the app's now when the sandbox clock advances", async () => {
    const before = running.clock.now();
    const advanced = await fetch(`${running.sandboxUrl}/__sandbox/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advance: "30d" }),
    });
    const sandboxNowMs = ((await advanced.json()) as { nowMs: number }).nowMs;
    await running.clock.refresh();
    // The offset is estimated over a round trip, so allow a second either way.
    expect(running.clock.now() - before).toBeGreaterThanOrEqual(30 * DAY_MS - 1_000);
    expect(Math.abs(running.clock.now() - sandboxNowMs)).toBeLessThan(5_000);
    // The app stamps what it saves with that time: a score created now is saved 30 days ahead.
    const created = await api("POST", `/api/portals/${running.portalId}/scores`, {
      id: "fit",
      name: "Fit",
      object: "contacts",
      type: "fit",
      thresholds: { high: 10, medium: 5 },
      property: { name: "ls_fit", label: "Fit" },
      groups: [
        {
          name: "Title",
          kind: "fit",
          rules: [{ property: "jobtitle", operator: "eq", value: "CTO", points: 10 }],
        },
      ],
    });
    expect(created.status).toBe(201);
    expect(Number(created.body.savedAtMs)).toBeGreaterThanOrEqual(Date.now() + 30 * DAY_MS - 60_000);
  });

  it("sends the app only what its webhooks file subscribes to (jobtitle, not city)", async () => {
    const before = await sandboxCall<WebhookStats>("GET", "/__sandbox/webhooks");
    await sandboxCall("PATCH", `/__sandbox/records/contacts/${firstContactId()}`, {
      properties: { jobtitle: "Head of Data", city: "Lisbon" },
    });
    const after = await sandboxCall<WebhookStats>("POST", "/__sandbox/webhooks/drain");
    expect(after.delivered.events).toBe(before.delivered.events + 1);
    expect(after.unsubscribedChanges).toBe(before.unsubscribedChanges + 1);
  });

  it("delivers a webhook signed right after a clock advance at its first attempt", async () => {
    const before = await sandboxCall<WebhookStats>("GET", "/__sandbox/webhooks");
    await sandboxCall("POST", "/__sandbox/clock", { advance: "7d" });
    await sandboxCall("PATCH", `/__sandbox/records/contacts/${firstContactId()}`, {
      properties: { jobtitle: "Chief Data Officer" },
    });
    // Signed 7 days ahead of what the app's clock read last: the sandbox holds it until that clock
    // has read the new time, so the app's "at most 1 minute ahead" check passes at once.
    const after = await sandboxCall<WebhookStats>("POST", "/__sandbox/webhooks/drain");
    expect(after.failedAttempts).toBe(before.failedAttempts);
    expect(after.delivered.events).toBe(before.delivered.events + 1);
  });

  it("records what it runs in DATA_DIR/npm-start.json (0600) for the CLI, and removes it at close", async () => {
    const file = join(dir, "npm-start.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      pid: process.pid,
      appUrl: running.appUrl,
      sandboxUrl: running.sandboxUrl,
      portalId: running.portalId,
      adminToken: ADMIN_TOKEN,
    });
    await running.close();
    expect(existsSync(file)).toBe(false);
  });

  it("does not install again on a restart over the same DATA_DIR", async () => {
    running = await start();
    expect(running.installed).toBe("already");
    const portal = await api("GET", `/api/portals/${running.portalId}`);
    expect(portal.body).toMatchObject({ status: "connected" });
  }, 30_000);
});
