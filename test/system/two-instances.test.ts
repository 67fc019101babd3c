import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandboxClient } from "../../src/cli/sandbox-client.js";
import { type ComposedApp, composeApp } from "../../src/compose/compose-app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningSandboxMode, startSandboxMode } from "../../src/sandbox-mode/start-sandbox-mode.js";
import { fit, lead } from "../e2e/support/e2e-scores.js";
import { waitFor } from "../e2e/support/wait-for.js";
import { findFreePort } from "./support/find-free-port.js";
import { type RoundRobinProxy, startRoundRobinProxy } from "./support/round-robin-proxy.js";
import { type PostgresServer, startPostgres } from "./support/start-postgres.js";
import { type RedisServer, startRedis } from "./support/start-redis.js";

// docs/decisions.md §Several instances: two app instances behind a load balancer, sharing
// PostgreSQL (DATABASE_URL) and Redis (REDIS_URL, --appendonly yes), against one sandbox portal whose
// limit is low enough that two unshared budgets would overrun it. Everything is observed from outside:
// the portal's records, its 429 count, each instance's /metrics, and what the balancer forwarded.

const ADMIN_TOKEN = "two-instances-admin-token-0123";
/** Low on purpose: the burst below wants more than this in 10 s, and each instance alone may spend 10. */
const SANDBOX_RATE_PER_10S = 12;
const APP_RATE_PER_10S = 10;

type Json = Record<string, unknown>;
let redis: RedisServer;
let postgres: PostgresServer;
let proxy: RoundRobinProxy;
let first: RunningSandboxMode;
let second: { composed: ComposedApp; server: Server; url: string; stopped?: Promise<void> };
const dirs: string[] = [];

beforeAll(async () => {
  [redis, postgres, proxy] = await Promise.all([startRedis(), startPostgres(), startRoundRobinProxy()]);
  // The first instance's port is known before it starts: the install's OAuth callback already
  // comes back through the balancer.
  const firstPort = await findFreePort();
  proxy.targets.push(`http://localhost:${firstPort}`);
  const shared = {
    PUBLIC_BASE_URL: proxy.url,
    DATABASE_URL: await postgres.createDatabase(),
    REDIS_URL: redis.url,
    // Both instances read the tokens the install stored: one key for both.
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    ADMIN_TOKEN,
    SANDBOX_SEED: "small",
    SANDBOX_RATE_LIMIT_PER_10S: String(SANDBOX_RATE_PER_10S),
    HUBSPOT_RATE_LIMIT_PER_10S: String(APP_RATE_PER_10S),
    COALESCE_MS: "50",
    DUE_CHECK_SEC: "1",
  };
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "ls-two-"));
    dirs.push(dir);
    return dir;
  };
  const logger = createLogger(process.env.E2E_LOG ? "debug" : "silent");
  // The first instance starts the sandbox portal and installs the app through OAuth, as `npm start`.
  first = await startSandboxMode(loadConfig({ ...shared, PORT: String(firstPort), DATA_DIR: dataDir() }), {
    logger,
    version: "two-instances",
    webhooks: { retryBaseMs: 20, retryMaxMs: 200 },
  });
  // The second is a plain HubSpot-mode instance against the same portal, as on a second machine.
  const composed = await composeApp(
    { ...first.appConfig, dataDir: dataDir() },
    { logger, version: "two-instances", now: first.clock.now },
  );
  const server = createServer(composed.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  second = { composed, server, url: `http://localhost:${(server.address() as AddressInfo).port}` };
  first.composed.start();
  composed.start();
  proxy.targets.push(second.url);
}, 120_000);

afterAll(async () => {
  second?.server.closeAllConnections();
  await new Promise<void>((resolve) => (second ? second.server.close(() => resolve()) : resolve()));
  await (second?.stopped ?? second?.composed.stop());
  await first?.close();
  await proxy?.close();
  await redis?.dispose();
  await postgres?.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const sandbox = () => createSandboxClient(first.sandboxUrl);
/** The admin API of either instance: both answer for every portal's data. */
async function api(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${base}/api/portals/${first.portalId}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}
const record = async (id: string) =>
  (
    await sandbox().call<{ properties: Record<string, string | null> }>(
      "GET",
      `/__sandbox/records/contacts/${id}`,
    )
  ).properties;
/** A counter of one instance's /metrics, summed over its labels. */
async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}
/** The portal's contacts, read as the app reads them: the CRM API's pages of 100, with a token. */
async function listContactIds(): Promise<string[]> {
  const { accessToken } = await sandbox().call<{ accessToken: string }>("POST", "/__sandbox/tokens", {});
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const query = `limit=100${after ? `&after=${after}` : ""}`;
    const response = await fetch(`${first.sandboxUrl}/crm/v3/objects/contacts?${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const page = (await response.json()) as {
      results: { id: string }[];
      paging?: { next?: { after: string } };
    };
    ids.push(...page.results.map((r) => r.id));
    after = page.paging?.next?.after;
  } while (after);
  return ids;
}
const rateLimitedByPortal = async () =>
  (await sandbox().call<{ rateLimited: Record<string, number> }>("GET", "/__sandbox/stats")).rateLimited;

describe("two app instances sharing Redis and PostgreSQL", { timeout: 120_000 }, () => {
  let contactIds: string[] = [];

  it("runs enable jobs once each, on whichever instance has room, and both instances report them", async () => {
    const { counts } = await sandbox().call<{ counts: Record<string, number> }>("GET", "/__sandbox/info");
    // Two scores: each flush below then reads contacts, their meetings and writes, more than fits in 10 s.
    for (const [definition, createOn, enableOn] of [
      [fit, first.appUrl, second.url],
      [lead, second.url, first.appUrl],
    ] as const) {
      expect((await api(createOn, "POST", "/scores", definition)).status).toBe(201);
      const enabled = await api(enableOn, "POST", `/scores/${definition.id}/enable`);
      expect(enabled.status).toBe(202);
      const jobId = (enabled.body.job as { id: string }).id;
      const job = await waitFor(
        () => api(createOn, "GET", `/jobs/${jobId}`).then((r) => r.body),
        (j) => j.status === "done" || j.status === "failed",
        { timeoutMs: 60_000 },
      );
      expect(job).toMatchObject({ status: "done", result: { evaluated: counts.contacts } });
      expect((await api(enableOn, "GET", `/jobs/${jobId}`)).body).toMatchObject({ status: "done" });
    }
    contactIds = await listContactIds();
    expect(contactIds.length).toBe(counts.contacts);
    expect(await record(contactIds[0] as string)).toMatchObject({
      ls_e2e_fit: expect.any(String),
      ls_e2e_lead: expect.any(String),
    });
  });

  it("splits webhook deliveries between the instances, writes every change, and never overruns the portal's shared budget", async () => {
    await sandbox().call("POST", "/__sandbox/stats/reset", {});
    // Changes a few milliseconds apart: many small deliveries, alternated by the balancer, rescored by
    // both instances at once. Together they want more calls than the portal's 10 s budget.
    for (const id of contactIds) {
      await sandbox().call("PATCH", `/__sandbox/records/contacts/${id}`, { properties: { jobtitle: "CTO" } });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const id of contactIds)
      await waitFor(
        () => record(id),
        (p) => p.ls_e2e_fit === "30",
        { timeoutMs: 90_000 },
      );
    const { total } = await sandbox().call<{ total: number }>("GET", "/__sandbox/stats");
    expect(total).toBeGreaterThan(SANDBOX_RATE_PER_10S);

    const deliveries = [first.appUrl, second.url].map(
      (base) => proxy.forwarded.get(`${base} /webhooks/hubspot`) ?? 0,
    );
    expect(deliveries.every((n) => n > 0)).toBe(true);
    // One portal, two instances, one budget: the sandbox never had to refuse a call.
    expect(await rateLimitedByPortal()).toEqual({});
    expect(await metric(first.appUrl, "lead_score_hubspot_rate_limited_total")).toBe(0);
    expect(await metric(second.url, "lead_score_hubspot_rate_limited_total")).toBe(0);
    const rescored = await Promise.all(
      [first.appUrl, second.url].map((base) => metric(base, "lead_score_records_rescored_total")),
    );
    // Both did the work, not only the acknowledging.
    expect(rescored.every((n) => n > 0)).toBe(true);
    // Nothing left behind or parked, across both.
    const inbox = await fetch(`${second.url}/metrics`).then((r) => r.text());
    expect(inbox).toMatch(/lead_score_inbox_entries\{status="pending"\} 0/);
    expect(inbox).toMatch(/lead_score_parked_events 0/);
  });

  it("stops an instance on SIGTERM within 10 s while deliveries arrive; the other finishes every change", async () => {
    const changed = contactIds.slice(0, 10);
    const started = Date.now();
    for (const id of changed) {
      await sandbox().call("PATCH", `/__sandbox/records/contacts/${id}`, {
        properties: { jobtitle: "Intern" },
      });
      // The second instance gets SIGTERM in the middle of the changes.
      if (id === changed[4]) second.stopped = second.composed.stop();
    }
    await second.stopped;
    expect(Date.now() - started).toBeLessThan(10_000);
    // Deliveries it refused (503) or gave back are retried or claimed by the first instance.
    for (const id of changed)
      await waitFor(
        () => record(id),
        (p) => p.ls_e2e_fit === "0",
        { timeoutMs: 90_000 },
      );
    const metrics = await fetch(`${first.appUrl}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/lead_score_parked_events 0/);
    expect(await rateLimitedByPortal()).toEqual({});
  });
});
