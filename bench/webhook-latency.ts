import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import express from "express";
import { Keyv } from "keyv";
import { pino } from "pino";
import { openSqliteDueIndex } from "../src/adapters/queue/sqlite-due-index.js";
import { openSqliteInbox } from "../src/adapters/queue/sqlite-inbox.js";
import { createKeyvFeedEventStore } from "../src/adapters/stores/keyv-feed-event-store.js";
import { createKeyvInstallationStore } from "../src/adapters/stores/keyv-installation-store.js";
import { createKeyvPollStateStore } from "../src/adapters/stores/keyv-poll-state-store.js";
import { createKeyvRecordStore } from "../src/adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../src/adapters/stores/keyv-score-store.js";
import { composePipeline } from "../src/compose/compose-pipeline.js";
import { signWebhookV3 } from "../src/hubspot/sign-webhook-v3.js";
import { parseDefinition } from "../src/scoring/index.js";
import { createLatentCrmClient } from "./latent-crm-client.js";

// docs/decisions.md §Coalescing: webhook-to-written latency, from the POST of a signed delivery to
// the batch update that writes the changed score, through the real route, SQLite inbox, worker and
// coalescing window, against an in-process portal answering every call after `latencyMs`.
// Goal: p95 ≤ 5 s after the coalescing window.

const SECRET = "bench-client-secret";
const BASE_URL = "https://bench.example.com";
const PORTAL = 1;

export type LatencyFigures = {
  events: number;
  coalesceMs: number;
  callLatencyMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

export async function measureWebhookLatency(
  options: {
    deliveries?: number;
    eventsPerDelivery?: number;
    gapMs?: number;
    coalesceMs?: number;
    latencyMs?: number;
  } = {},
): Promise<LatencyFigures> {
  const {
    deliveries = 100,
    eventsPerDelivery = 10,
    gapMs = 20,
    coalesceMs = 2_000,
    latencyMs = 150,
  } = options;
  const dir = mkdtempSync(join(tmpdir(), "ls-latency-"));
  const inbox = openSqliteInbox({ file: join(dir, "inbox.sqlite") });
  const dueIndex = openSqliteDueIndex({ file: join(dir, "due.sqlite") });
  const crm = createLatentCrmClient({ latencyMs, contacts: deliveries * eventsPerDelivery });
  const installations = createKeyvInstallationStore(new Keyv());
  await installations.save({
    portalId: PORTAL,
    hubId: PORTAL,
    accessTokenSealed: "-",
    refreshTokenSealed: "-",
    expiresAtMs: 0,
    scopes: [],
    status: "connected",
    installedAtMs: 0,
  });
  const scores = createKeyvScoreStore(new Keyv());
  const definition = parseDefinition({
    id: "fit",
    name: "Fit",
    object: "contacts",
    type: "fit",
    status: "enabled",
    property: { name: "ls_fit" },
    groups: [
      {
        name: "Title",
        kind: "fit",
        rules: [{ property: "jobtitle", operator: "eq", value: "CTO", points: 10 }],
      },
    ],
  });
  await scores.save(PORTAL, definition, { savedAtMs: 0, savedBy: "bench", change: "enable" });
  const pipeline = composePipeline({
    options: {
      pollIntervalSec: 3600,
      listPollIntervalSec: 3600,
      emailEventsPollMs: 3_600_000,
      formSubmissionsPollMs: 3_600_000,
      coalesceMs,
      historyRetentionDays: 90,
      webhook: { clientSecret: SECRET, publicBaseUrl: BASE_URL },
    },
    inbox,
    stores: {
      installations,
      scores,
      records: createKeyvRecordStore(new Keyv()),
      dueIndex,
      pollState: createKeyvPollStateStore(new Keyv()),
      feeds: createKeyvFeedEventStore(new Keyv()),
    },
    crmFor: () => crm.client,
    logger: pino({ level: "silent" }),
  });
  const app = express().use(pipeline.webhookRoutes);
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hubspot`;
  pipeline.start();
  const sentAt = new Map<string, number>();
  for (let d = 0; d < deliveries; d++) {
    const events = Array.from({ length: eventsPerDelivery }, (_, i) => {
      const id = String(d * eventsPerDelivery + i + 1);
      (crm.contacts.get(id) as Record<string, string | null>).jobtitle = "CTO";
      return {
        eventId: Number(id),
        subscriptionId: 1,
        portalId: PORTAL,
        appId: 1,
        occurredAt: Date.now(),
        subscriptionType: "contact.propertyChange",
        attemptNumber: 0,
        objectId: Number(id),
        propertyName: "jobtitle",
        propertyValue: "CTO",
        changeSource: "CRM",
      };
    });
    const body = JSON.stringify(events);
    const timestampMs = Date.now();
    const signature = signWebhookV3({
      clientSecret: SECRET,
      method: "POST",
      uri: `${BASE_URL}/webhooks/hubspot`,
      body,
      timestampMs,
    });
    const started = performance.now();
    for (const e of events) sentAt.set(String(e.objectId), started);
    const res = await fetch(url, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-hubspot-signature-v3": signature,
        "x-hubspot-request-timestamp": String(timestampMs),
      },
    });
    if (res.status !== 200) throw new Error(`delivery answered ${res.status}`);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  const deadline = performance.now() + 60_000;
  while (crm.writtenAtMs.size < sentAt.size && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const latencies = [...sentAt]
    .map(([id, at]) => (crm.writtenAtMs.get(id)?.[0] ?? Number.POSITIVE_INFINITY) - at)
    .sort((a, b) => a - b);
  await pipeline.stop();
  server.close();
  await inbox.close();
  await dueIndex.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    events: latencies.length,
    coalesceMs,
    callLatencyMs: latencyMs,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies.at(-1) ?? 0,
  };
}
