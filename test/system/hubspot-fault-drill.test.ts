import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardRetryPolicy } from "../../src/adapters/hubspot-client/retry-policy.js";
import { createSandboxClient } from "../../src/cli/sandbox-client.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningSandboxMode, startSandboxMode } from "../../src/sandbox-mode/start-sandbox-mode.js";
import { lead } from "../e2e/support/e2e-scores.js";
import { waitFor } from "../e2e/support/wait-for.js";
import { type Fault, type FaultProxy, startFaultProxy } from "./support/fault-proxy.js";

// The HubSpot fault drill (docs/decisions.md §Fault drill): the product as `npm start` runs it, with
// a fault proxy where HubSpot's API host stands. During an enable job (then rescore jobs) and a stream
// of CRM changes whose webhooks reach the app, HubSpot answers 429s with and without Retry-After,
// 502s, resets connections, hangs and answers too slowly, each for longer than the door's retries
// last, then recovers. Afterwards every job is done, every changed record holds what "test a record"
// computes for it, and nothing is parked. Only the outcome is asserted; the budgets below are there
// to stop a hang, never to measure speed.

const ADMIN_TOKEN = "fault-drill-admin-token-0123";
/** HUBSPOT_TIMEOUT_MS: small, so a hung call costs the drill a second per attempt. */
const TIMEOUT_MS = 1_000;

// What the door spends on one call before giving up (src/adapters/hubspot-client/retry-policy.ts):
// every attempt up to its deadline, and the longest backoff between them.
const retries = standardRetryPolicy.maxAttempts - 1;
const longestBackoffMs = Array.from({ length: retries }, (_, i) =>
  Math.min(standardRetryPolicy.maxDelayMs, standardRetryPolicy.baseDelayMs * 2 ** i),
).reduce((sum, ms) => sum + ms, 0);
const failingBudgetMs = standardRetryPolicy.maxAttempts * TIMEOUT_MS + longestBackoffMs;
/** A 429 without Retry-After pauses the portal for the rolling window before each retry. */
const rateLimitBudgetMs = retries * standardRetryPolicy.rateWindowMs;
/** Each fault outlasts the door's retries by this much: the job and the webhook events must wait it out. */
const OUTLAST_MS = 3_000;

const phases: { name: string; fault: Fault; holdMs: number }[] = [
  {
    name: "429 with Retry-After",
    fault: { kind: "rate-limit", retryAfterSec: 1 },
    holdMs: retries * 1_000 + failingBudgetMs,
  },
  { name: "429 without Retry-After", fault: { kind: "rate-limit" }, holdMs: rateLimitBudgetMs + OUTLAST_MS },
  { name: "502", fault: { kind: "bad-gateway" }, holdMs: failingBudgetMs + OUTLAST_MS },
  { name: "connection reset", fault: { kind: "reset" }, holdMs: failingBudgetMs + OUTLAST_MS },
  { name: "hang", fault: { kind: "hang" }, holdMs: failingBudgetMs + OUTLAST_MS },
  {
    name: "answers slower than the deadline",
    fault: { kind: "slow", delayMs: 2 * TIMEOUT_MS },
    holdMs: failingBudgetMs + OUTLAST_MS,
  },
];
/**
 * After a fault ends: a job waits at most 20 s before its next try (src/app/jobs/job-wait.ts, second
 * try), a failed webhook event 30 s (the inbox's first backoff); the rest is room for a loaded machine.
 */
const RECOVERY_BUDGET_MS = 120_000;
const DRILL_BUDGET_MS = phases.reduce((sum, p) => sum + p.holdMs + RECOVERY_BUDGET_MS, 120_000);

type Json = Record<string, unknown>;
let proxy: FaultProxy;
let running: RunningSandboxMode;
let dataDir: string;

beforeAll(async () => {
  proxy = await startFaultProxy();
  dataDir = mkdtempSync(join(tmpdir(), "ls-drill-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: "0",
    SANDBOX_SEED: "small",
    ADMIN_TOKEN,
    COALESCE_MS: "50",
    DUE_CHECK_SEC: "1",
    HUBSPOT_TIMEOUT_MS: String(TIMEOUT_MS),
  });
  running = await startSandboxMode(config, {
    logger: createLogger(process.env.E2E_LOG ? "debug" : "silent"),
    version: "fault-drill",
    webhooks: { retryBaseMs: 20, retryMaxMs: 200 },
    // Only the API host goes through the proxy: the OAuth authorize page is a browser's, not the app's.
    hubspotApiBaseUrl: (sandboxUrl) => {
      proxy.target = sandboxUrl;
      return proxy.url;
    },
  });
  running.composed.start();
}, 120_000);

afterAll(async () => {
  // Calls still hanging in the proxy end first, so the app's stop does not wait on them.
  await proxy?.close();
  await running?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${running.appUrl}/api/portals/${running.portalId}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Json };
}
const sandbox = () => createSandboxClient(running.sandboxUrl);
/** A contact as a person sees it in the portal, read from the sandbox itself, not through the proxy. */
const contact = async (id: string) =>
  (
    await sandbox().call<{ properties: Record<string, string | null> }>(
      "GET",
      `/__sandbox/records/contacts/${id}`,
    )
  ).properties;
/** A salesperson edits a contact: the sandbox sends the app the webhook HubSpot would. */
const setJobTitle = (id: string, jobtitle: string) =>
  sandbox().call("PATCH", `/__sandbox/records/contacts/${id}`, { properties: { jobtitle } });
async function contactIds(): Promise<string[]> {
  const { accessToken } = await sandbox().call<{ accessToken: string }>("POST", "/__sandbox/tokens", {});
  const response = await fetch(`${running.sandboxUrl}/crm/v3/objects/contacts?limit=100`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return ((await response.json()) as { results: { id: string }[] }).results.map((r) => r.id);
}
/** Requests to the portal's property definitions: an enable or rescore provisions them before its job starts. */
const provisioning = /^\/crm\/v3\/properties\//;

describe("HubSpot fault drill", { timeout: DRILL_BUDGET_MS }, () => {
  it("waits out every fault, then has every job done, every changed record right and nothing parked", async () => {
    expect((await api("POST", "/scores", lead)).status).toBe(201);
    const ids = await contactIds();
    expect(ids.length).toBeGreaterThanOrEqual(2 * phases.length);
    const changed = new Set<string>();

    for (const [index, phase] of phases.entries()) {
      // The fault is on before the job starts, so the job meets it for sure; only the provisioning the
      // request itself does before answering 202 is let through.
      proxy.set(phase.fault, provisioning);
      const started =
        index === 0
          ? await api("POST", `/scores/${lead.id}/enable`)
          : await api("POST", `/scores/${lead.id}/rescore`);
      expect(started.status, phase.name).toBe(202);
      const jobId = (started.body.job as { id: string }).id;
      proxy.set(phase.fault);
      // A stream of CRM changes while HubSpot fails: each phase changes two contacts, at its start and halfway.
      const [first, second] = [ids[2 * index], ids[2 * index + 1]] as [string, string];
      await setJobTitle(first, index % 2 === 0 ? "CTO" : "Engineer");
      changed.add(first);
      await sleep(phase.holdMs / 2);
      await setJobTitle(second, "CTO");
      changed.add(second);
      await sleep(phase.holdMs / 2);
      proxy.set({ kind: "none" });

      const job = await waitFor(
        () => api("GET", `/jobs/${jobId}`).then((r) => r.body),
        (j) => j.status !== "queued" && j.status !== "running",
        { timeoutMs: RECOVERY_BUDGET_MS, intervalMs: 250 },
      );
      expect(job, phase.name).toMatchObject({ status: "done" });
      expect(proxy.met.get(phase.fault.kind) ?? 0, phase.name).toBeGreaterThan(0);
    }

    // Every changed contact ends with what "test a record" computes for it now.
    for (const id of changed) {
      const expected = await api("POST", `/scores/${lead.id}/test`, { recordId: id });
      expect(expected.status).toBe(200);
      const score = (expected.body.result as { score: number }).score;
      const written = await waitFor(
        () => contact(id),
        (p) => Number(p[lead.property.name]) === score && p.jobtitle !== undefined,
        { timeoutMs: RECOVERY_BUDGET_MS, intervalMs: 250 },
      );
      expect(Number(written[lead.property.name]), `contact ${id}`).toBe(score);
    }
    const parked = await api("GET", "/parked");
    expect(parked.status).toBe(200);
    expect(parked.body).toMatchObject({ parked: [] });
  });
});
