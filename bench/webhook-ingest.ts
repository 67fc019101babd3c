import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { signWebhookV3 } from "../src/hubspot/sign-webhook-v3.js";
import { startBenchRedis } from "./start-bench-redis.js";

// docs/decisions.md §Group commit: signed 100-event deliveries on loopback to the real route and
// SQLite inbox (a temp file), served by dist/bench/webhook-ingest-server.js in its own process.
// Goals: ≥ 1,000 deliveries/s and an ack p99 < 100 ms. Run from dist/ (`npm run build` first).

const SECRET = "bench-client-secret";
const BASE_URL = "https://bench.example.com";
const PATH = "/webhooks/hubspot";

export type IngestFigures = {
  concurrency: number;
  fsync: boolean;
  /** The inbox: SQLite (one instance) or BullMQ on Redis (REDIS_URL, several instances). */
  store: "sqlite" | "redis";
  deliveries: number;
  deliveriesPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /**
   * The server process's CPU time per delivery, all its threads (event loop, WAL checkpointer, GC):
   * 1,000 / this = deliveries/s one free core could take.
   */
  serverCpuMsPerDelivery: number;
  /** The load generator's own CPU time per delivery: it shares the machine's cores with the server. */
  clientCpuMsPerDelivery: number;
};

async function serverCpuUs(server: ChildProcess): Promise<number> {
  server.send("cpu");
  const [reply] = (await once(server, "message")) as [{ cpuUs: number }];
  return reply.cpuUs;
}

/** 100 distinct property changes, shaped as HubSpot sends them (docs/hubspot.md §Webhook payloads). */
function deliveryBody(firstEventId: number, portalId: number): string {
  const events = Array.from({ length: 100 }, (_, i) => ({
    eventId: firstEventId + i,
    subscriptionId: 2001,
    portalId,
    appId: 54321,
    occurredAt: 1_763_900_000_000 + firstEventId + i,
    subscriptionType: "object.propertyChange",
    objectTypeId: "0-1",
    attemptNumber: 0,
    objectId: 10_000_000 + firstEventId + i,
    propertyName: "lifecyclestage",
    propertyValue: "marketingqualifiedlead",
    changeSource: "CRM_UI",
    sourceId: "userId:10202051",
  }));
  return JSON.stringify(events);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

type SignedDelivery = { body: Buffer; headers: Record<string, string | number> };

/** Signed once, before the clock starts: the figure is about the server, not the client's HMAC. */
function signDelivery(body: string, timestampMs: number): SignedDelivery {
  const bytes = Buffer.from(body);
  const signature = signWebhookV3({
    clientSecret: SECRET,
    method: "POST",
    uri: BASE_URL + PATH,
    body: bytes,
    timestampMs,
  });
  return {
    body: bytes,
    headers: {
      "content-type": "application/json",
      "content-length": bytes.length,
      "x-hubspot-signature-v3": signature,
      "x-hubspot-request-timestamp": String(timestampMs),
    },
  };
}

function post(port: number, agent: Agent, delivery: SignedDelivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: PATH, method: "POST", agent, headers: delivery.headers },
      (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.once("error", reject);
    req.end(delivery.body);
  });
}

async function runLevel(port: number, concurrency: number, deliveries: number, firstEventId: number) {
  // Bodies are built and signed before the clock starts (a level lasts seconds, well inside the
  // signature's 5 minutes), so the client's CPU on these 2 cores goes to sending only.
  const signedAtMs = Date.now();
  const signed = Array.from({ length: deliveries }, (_, i) =>
    signDelivery(deliveryBody(firstEventId + i * 100, 60_000 + (i % 50)), signedAtMs),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < deliveries) {
      const i = next++;
      const start = performance.now();
      const status = await post(port, agent, signed[i] as SignedDelivery);
      latencies.push(performance.now() - start);
      if (status !== 200) throw new Error(`delivery ${i} answered ${status}`);
    }
  };
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { seconds, latencies: latencies.sort((a, b) => a - b), clientCpuUs: cpu.user + cpu.system };
}

/** Each concurrency level in turn against one server and inbox file; `fsync` is QUEUE_FSYNC=1. */
export async function runWebhookIngestBench(
  options: {
    deliveries?: number;
    concurrencies?: number[];
    fsync?: boolean;
    /** Writes the server's V8 CPU profile (node --cpu-prof) into this folder, to see where its time goes. */
    cpuProfileDir?: string;
    /** The BullMQ inbox on this Redis instead of the SQLite file. */
    redisUrl?: string;
  } = {},
): Promise<IngestFigures[]> {
  const { deliveries = 2_000, concurrencies = [1, 10, 50], fsync = false, cpuProfileDir, redisUrl } = options;
  const dir = mkdtempSync(join(tmpdir(), "ls-bench-ingest-"));
  const serverScript = fileURLToPath(new URL("./webhook-ingest-server.js", import.meta.url));
  const profile = cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const args = [
    ...profile,
    serverScript,
    join(dir, "inbox.sqlite"),
    SECRET,
    BASE_URL,
    redisUrl ?? (fsync ? "fsync" : "normal"),
  ];
  const server = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const figures: IngestFigures[] = [];
  try {
    const [line] = (await once(server.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
    const { port } = JSON.parse(line.toString()) as { port: number };
    let eventId = 1;
    await runLevel(port, 10, Math.min(300, deliveries), eventId); // warm-up: JIT, connections
    eventId += 10_000_000;
    for (const concurrency of concurrencies) {
      const cpuBeforeUs = await serverCpuUs(server);
      const { seconds, latencies, clientCpuUs } = await runLevel(port, concurrency, deliveries, eventId);
      const cpuUs = (await serverCpuUs(server)) - cpuBeforeUs;
      eventId += deliveries * 100;
      figures.push({
        concurrency,
        fsync,
        store: redisUrl ? "redis" : "sqlite",
        deliveries,
        deliveriesPerSecond: deliveries / seconds,
        eventsPerSecond: (deliveries * 100) / seconds,
        p50Ms: percentile(latencies, 0.5),
        p95Ms: percentile(latencies, 0.95),
        p99Ms: percentile(latencies, 0.99),
        serverCpuMsPerDelivery: cpuUs / 1000 / deliveries,
        clientCpuMsPerDelivery: clientCpuUs / 1000 / deliveries,
      });
    }
  } finally {
    const exited = once(server, "exit");
    server.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** One line per level, with the goals. */
export function formatIngestFigures(figures: readonly IngestFigures[]): string[] {
  const n = (v: number, digits = 0) =>
    v.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return figures.map((f) => {
    const goals = `${f.deliveriesPerSecond >= 1_000 ? "met" : "MISSED"} ≥ 1,000/s, ${f.p99Ms < 100 ? "met" : "MISSED"} p99 < 100 ms`;
    return (
      `webhook ingest ${f.store === "redis" ? "BullMQ/Redis" : f.fsync ? "fsync=FULL  " : "fsync=NORMAL"} concurrency ${String(f.concurrency).padStart(2)}: ` +
      `${n(f.deliveriesPerSecond).padStart(5)} deliveries/s (${n(f.eventsPerSecond)} events/s), ack p50 ${n(f.p50Ms, 1)} ms, ` +
      `p95 ${n(f.p95Ms, 1)} ms, p99 ${n(f.p99Ms, 1)} ms over ${n(f.deliveries)} deliveries; server CPU ` +
      `${n(f.serverCpuMsPerDelivery, 2)} ms/delivery (${n(1_000 / f.serverCpuMsPerDelivery)}/s per free core), ` +
      `client CPU ${n(f.clientCpuMsPerDelivery, 2)} ms/delivery: ${goals}`
    );
  });
}

// `node dist/bench/webhook-ingest.js [deliveries] [--cpu-prof]`: --cpu-prof leaves the server's CPU
// profile of the fsync=NORMAL run in bench/out/ingest-profile/ (open it in Chrome DevTools).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const deliveries = Number(args.find((a) => !a.startsWith("--")) ?? 2_000);
  const cpuProfileDir = args.includes("--cpu-prof")
    ? fileURLToPath(new URL("../../bench/out/ingest-profile/", import.meta.url))
    : undefined;
  const normal = await runWebhookIngestBench({ deliveries, ...(cpuProfileDir ? { cpuProfileDir } : {}) });
  const full = await runWebhookIngestBench({
    deliveries: Math.ceil(deliveries / 2),
    concurrencies: [10],
    fsync: true,
  });
  const redis = await startBenchRedis();
  const shared = redis
    ? await runWebhookIngestBench({ deliveries, concurrencies: [1, 10, 50], redisUrl: redis.url }).finally(
        () => redis.stop(),
      )
    : [];
  process.stdout.write(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, load average ${loadavg()[0]?.toFixed(1)}\n`,
  );
  for (const line of formatIngestFigures([...normal, ...full, ...shared])) process.stdout.write(`${line}\n`);
  if (!redis) process.stdout.write("webhook ingest BullMQ/Redis: skipped (no redis-server on PATH)\n");
}
