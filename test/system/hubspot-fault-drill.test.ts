import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

// What the door spends on one call before it gives up (src/adapters/hubspot-client/retry-policy.ts):
// every attempt up to its deadline and the longest backoff between them, or, for a 429 without
// Retry-After, the rolling window before each retry.
const retries = standardRetryPolicy.maxAttempts - 1;
const longestBackoffMs = Array.from({ length: retries }, (_, i) =>
  Math.min(standardRetryPolicy.maxDelayMs, standardRetryPolicy.baseDelayMs * 2 ** i),
).reduce((sum, ms) => sum + ms, 0);
const failingCallMs = standardRetryPolicy.maxAttempts * TIMEOUT_MS + longestBackoffMs;
const rateLimitedCallMs = retries * standardRetryPolicy.rateWindowMs;
/**
 * How long a fault may take to be outlasted: a job gives up after its count and its first page (two
 * calls), a change's rescore after its batch and the record alone (two more); the rest is room for a
 * loaded machine. A ceiling that stops a hang, not a speed anyone asserts.
 */
const outlastBudget = (callMs: number) => 4 * callMs + 60_000;

type Counter = "rateLimited" | "timeouts" | "failedBatches";
/** Each fault, and the /metrics counter that shows the app met it past its deadline or limit. */
const phases: { name: string; fault: Fault; counter: Counter; budgetMs: number }[] = [
  {
    name: "429 with Retry-After",
    fault: { kind: "rate-limit", retryAfterSec: 1 },
    counter: "rateLimited",
    budgetMs: outlastBudget(failingCallMs),
  },
  {
    name: "429 without Retry-After",
    fault: { kind: "rate-limit" },
    counter: "rateLimited",
    budgetMs: outlastBudget(rateLimitedCallMs),
  },
  {
    name: "502",
    fault: { kind: "bad-gateway" },
    counter: "failedBatches",
    budgetMs: outlastBudget(failingCallMs),
  },
  {
    name: "connection reset",
    fault: { kind: "reset" },
    counter: "failedBatches",
    budgetMs: outlastBudget(failingCallMs),
  },
  { name: "hang", fault: { kind: "hang" }, counter: "timeouts", budgetMs: outlastBudget(failingCallMs) },
  {
    name: "answers later than the deadline",
    fault: { kind: "slow", delayMs: 2 * TIMEOUT_MS },
    counter: "timeouts",
    budgetMs: outlastBudget(failingCallMs),
  },
];
/**
 * After a fault ends: a job waits at most 20 s before its next try (src/app/jobs/job-wait.ts, second
 * try), a failed webhook event 30 s (the inbox's first backoff); the rest is room for a loaded machine.
 */
const RECOVERY_BUDGET_MS = 120_000;
const PHASES_BUDGET_MS = phases.reduce((sum, p) => sum + 2 * p.budgetMs + RECOVERY_BUDGET_MS, 0);
/**
 * The inbox doubles an event's backoff from 30 s (docs/decisions.md §Webhook inbox), so an event that
 * met several faults waits at most about as long again as it has existed: the drain after the last
 * fault gets the time the phases took, the whole test twice the phases' ceiling.
 */
const DRILL_BUDGET_MS = 2 * PHASES_BUDGET_MS + 2 * RECOVERY_BUDGET_MS;

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
/** The app's /metrics counters the drill reads, each summed over its labels. */
async function counters(): Promise<Record<Counter | "openEvents", number>> {
  const text = await (await fetch(`${running.appUrl}/metrics`)).text();
  const sum = (name: string) =>
    text
      .split("\n")
      .filter((line) => line.startsWith(`${name} `) || line.startsWith(`${name}{`))
      .reduce((total, line) => total + Number(line.split(" ").at(-1)), 0);
  return {
    rateLimited: sum("lead_score_hubspot_rate_limited_total"),
    timeouts: sum("lead_score_hubspot_timeouts_total"),
    failedBatches: sum("lead_score_rescore_batches_failed_total"),
    openEvents:
      sum('lead_score_inbox_entries{status="pending"}') +
      sum('lead_score_inbox_entries{status="processing"}'),
  };
}
/** Requests to the portal's property definitions: an enable or rescore provisions them before its job starts. */
const provisioning = /^\/crm\/v3\/properties\//;

describe("HubSpot fault drill", { timeout: DRILL_BUDGET_MS }, () => {
  it("waits out every fault, then has every job done, every changed record right and nothing parked", async () => {
    expect((await api("POST", "/scores", lead)).status).toBe(201);
    const ids = await contactIds();
    expect(ids.length).toBeGreaterThanOrEqual(2 * phases.length);
    const changed = new Set<string>();
    const drillStartMs = Date.now();

    for (const [index, phase] of phases.entries()) {
      const before = await counters();
      // The fault is on before the job starts, so the job meets it for sure; only the provisioning the
      // request itself does before answering 202 is let through.
      proxy.set(phase.fault, provisioning);
      const started = await api("POST", `/scores/${lead.id}/${index === 0 ? "enable" : "rescore"}`);
      expect(started.status, phase.name).toBe(202);
      const jobId = (started.body.job as { id: string }).id;
      proxy.set(phase.fault);
      const job = () => api("GET", `/jobs/${jobId}`).then((r) => r.body);

      // A stream of CRM changes while HubSpot fails. The fault lasts until the door has given up on the
      // job (it waits) and on the first change's rescore, then on the second change's: each outlasted
      // the door's retries, and the fault's own counter shows the app met it.
      const [first, second] = [ids[2 * index], ids[2 * index + 1]] as [string, string];
      await setJobTitle(first, index % 2 === 0 ? "CTO" : "Engineer");
      changed.add(first);
      const outlasted = await waitFor(
        async () => ({ job: await job(), ...(await counters()) }),
        (now) => now.job.waiting !== undefined && now.failedBatches > before.failedBatches,
        { timeoutMs: phase.budgetMs, intervalMs: 250 },
      );
      expect(outlasted.job, phase.name).toMatchObject({
        status: "running",
        waiting: { reason: expect.any(String) },
      });
      await setJobTitle(second, "CTO");
      changed.add(second);
      const after = await waitFor(counters, (now) => now.failedBatches > outlasted.failedBatches, {
        timeoutMs: phase.budgetMs,
        intervalMs: 250,
      });
      proxy.set({ kind: "none" });
      expect(after[phase.counter], phase.name).toBeGreaterThan(before[phase.counter]);

      const ended = await waitFor(job, (j) => j.status !== "queued" && j.status !== "running", {
        timeoutMs: RECOVERY_BUDGET_MS,
        intervalMs: 250,
      });
      expect(ended, phase.name).toMatchObject({ status: "done" });
      expect(proxy.met.get(phase.fault.kind) ?? 0, phase.name).toBeGreaterThan(0);
    }

    // Every webhook event that failed during a fault is retried to its end (none is left open)...
    await waitFor(counters, (now) => now.openEvents === 0, {
      timeoutMs: Date.now() - drillStartMs + RECOVERY_BUDGET_MS,
      intervalMs: 250,
    });
    // ...and every changed contact ends with what "test a record" computes for it now.
    for (const id of changed) {
      const expected = await api("POST", `/scores/${lead.id}/test`, { recordId: id });
      expect(expected.status).toBe(200);
      const score = (expected.body.result as { score: number }).score;
      const written = await contact(id);
      expect(Number(written[lead.property.name]), `contact ${id}`).toBe(score);
    }
    const parked = await api("GET", "/parked");
    expect(parked.status).toBe(200);
    expect(parked.body).toMatchObject({ parked: [] });
  });
});
