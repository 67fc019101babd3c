import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { benchDefinition } from "./bench-definition.js";
import { formatFeedCalls, measureFeedCalls } from "./feed-calls.js";
import { benchNow, generateExport } from "./generate-export.js";
import { evaluateArgs, measureNode, parseOnlyArgs } from "./measure-cli.js";
import { measureEvaluator } from "./measure-evaluator.js";
import { formatSnapshotFigures, runPerformanceSnapshotBench } from "./performance-snapshot.js";
import { formatSandboxPassReport, runSandboxPassBench } from "./sandbox-pass.js";
import { startBenchRedis } from "./start-bench-redis.js";
import { formatSuggestFigures, measureSuggest } from "./suggest.js";
import { formatIngestFigures, runWebhookIngestBench } from "./webhook-ingest.js";
import { measureWebhookLatency } from "./webhook-latency.js";

// `npm run bench` (docs/decisions.md §Benchmarks): never a timed test, a report. Goals: the compiled
// evaluator ≥ 600,000 events/s in process; `lead-score evaluate` ≤ 3 × the time to read + JSON.parse the
// file.

const contacts = Number(process.argv[2] ?? 50_000);
const eventsPerContact = 20;
const out = fileURLToPath(new URL("../../bench/out/", import.meta.url));
mkdirSync(out, { recursive: true });
const definitionPath = `${out}definition.json`;
const recordsPath = `${out}contacts.jsonl`;
const smallPath = `${out}contacts-small.jsonl`;
writeFileSync(definitionPath, JSON.stringify(benchDefinition, null, 2));

const loadAtStart = loadavg()[0] ?? 0;
const log = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
const bytes = await generateExport(recordsPath, contacts, eventsPerContact);
const smallBytes = await generateExport(smallPath, Math.ceil(contacts / 5), eventsPerContact, 7);
log(
  `export: ${fixed(contacts)} contacts × ${eventsPerContact} events, ${fixed(bytes / 2 ** 20, 1)} MiB (${recordsPath})`,
);

const nowMs = Date.parse(benchNow);
const e = measureEvaluator(recordsPath, nowMs);
const parseOnly = await measureNode(parseOnlyArgs(recordsPath), `${out}parse-only.out`);
const readline = await measureNode(parseOnlyArgs(recordsPath, "readline"), `${out}parse-only.out`);
const cli = await measureNode(evaluateArgs(definitionPath, recordsPath, benchNow), `${out}results.jsonl`);
const cliSmall = await measureNode(
  evaluateArgs(definitionPath, smallPath, benchNow),
  `${out}results-small.jsonl`,
  1,
);
const ratio = cli.seconds / parseOnly.seconds;
const mb = (r: number | undefined) => (r === undefined ? "n/a (no /usr/bin/time)" : `${fixed(r)} MB`);

const rows: [string, string, string][] = [
  [
    "(a) evaluator in process",
    `${fixed(e.eventsPerSecond)} events/s`,
    e.eventsPerSecond >= 600_000 ? "goal ≥ 600,000: met" : "goal ≥ 600,000: MISSED",
  ],
  [
    "",
    `${fixed(e.recordsPerSecond)} records/s`,
    `${fixed(e.events)} events in ${fixed(e.evaluateSeconds, 3)} s (best of 5)`,
  ],
  ["(b) JSON.parse", `${fixed(e.jsonParseUsPerRecord, 1)} µs/record`, "in process"],
  [
    "    parseSnapshot (zod)",
    `${fixed(e.parseSnapshotUsPerRecord, 1)} µs/record`,
    `${fixed(e.parseSnapshotUsPerRecord / e.jsonParseUsPerRecord, 2)} × JSON.parse`,
  ],
  [
    "    parseSnapshotFast (CLI)",
    `${fixed(e.parseSnapshotFastUsPerRecord, 1)} µs/record`,
    `${fixed(e.parseSnapshotFastUsPerRecord / e.jsonParseUsPerRecord, 2)} × JSON.parse`,
  ],
  ["    JSON.stringify(result)", `${fixed(e.stringifyUsPerRecord, 1)} µs/record`, "in process"],
  [
    "(c) read + JSON.parse",
    `${fixed(parseOnly.seconds, 2)} s`,
    `peak RSS ${mb(parseOnly.peakRssMb)} (CLI's reader)`,
  ],
  ["    same with node:readline", `${fixed(readline.seconds, 2)} s`, `peak RSS ${mb(readline.peakRssMb)}`],
  [
    "    lead-score evaluate",
    `${fixed(cli.seconds, 2)} s`,
    `${fixed(contacts / cli.seconds)} records/s, ${fixed((contacts * eventsPerContact) / cli.seconds)} events/s`,
  ],
  ["    ratio evaluate / parse", `${fixed(ratio, 2)}`, ratio <= 3 ? "goal ≤ 3: met" : "goal ≤ 3: MISSED"],
  [
    "    peak RSS evaluate",
    mb(cli.peakRssMb),
    `on ${fixed(bytes / 2 ** 20)} MiB; ${mb(cliSmall.peakRssMb)} on ${fixed(smallBytes / 2 ** 20)} MiB`,
  ],
];
const widths = [0, 1].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
log("");
for (const [what, figure, note] of rows)
  log(`${what.padEnd(widths[0] as number)}  ${figure.padStart(widths[1] as number)}  ${note}`);
log(
  `\n(wall times: median of 3 fresh node processes, output to bench/out/; ${statSync(recordsPath).size} bytes)`,
);
// Figures are only as good as the machine is quiet: say how busy it was (1-minute load average).
log(
  `load average: ${loadAtStart.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end, on ${cpus().length} cores`,
);

// docs/decisions.md §Webhook inbox: webhook intake (signed 100-event deliveries on loopback) and
// webhook-to-written latency.
log("\nwebhook intake (signed 100-event deliveries, SQLite inbox):");
for (const line of formatIngestFigures(
  await runWebhookIngestBench({ deliveries: 1_000, concurrencies: [1, 10] }),
))
  log(line);
// The same intake on the BullMQ inbox (REDIS_URL, several instances), when redis-server is installed.
const redis = await startBenchRedis();
if (redis) {
  const figures = await runWebhookIngestBench({
    deliveries: 1_000,
    concurrencies: [10],
    redisUrl: redis.url,
  }).finally(() => redis.stop());
  for (const line of formatIngestFigures(figures)) log(line);
} else log("webhook ingest BullMQ/Redis: skipped (no redis-server on PATH)");
for (const coalesceMs of [0, 2_000]) {
  const l = await measureWebhookLatency({ coalesceMs });
  log(
    `webhook → written (${l.events} events, COALESCE_MS=${l.coalesceMs}, CRM answering in ${l.callLatencyMs} ms): p50 ${fixed(l.p50Ms)} ms, p95 ${fixed(l.p95Ms)} ms, max ${fixed(l.maxMs)} ms`,
  );
}

// docs/scoring.md §Suggested scores: a suggestion over 10,000 labelled contacts with events.
log("\nsuggested scores (10,000 labelled contacts, a fresh lead-score suggest each):");
for (const line of formatSuggestFigures(await measureSuggest(out, 10_000))) log(line);

// docs/decisions.md §Portal-wide feeds: HubSpot calls of the marketing email and form feeds, backfill
// and a full rescore, per contact.
log("\nportal-wide feeds (2,000 contacts × 10 marketing emails and a form submission):");
for (const line of formatFeedCalls(await measureFeedCalls({ contacts: 2_000, emailsPerContact: 10 })))
  log(line);

// docs/decisions.md §Score performance: a score's performance snapshot on 20,000 and 100,000 records in
// SQLite: first build, a day's refresh, an answer's read; peak heap must not grow with the records.
log("\nscore performance snapshot (SQLite, 2–6 history entries a record over 90 days):");
for (const records of [20_000, 100_000])
  for (const line of formatSnapshotFigures(await runPerformanceSnapshotBench(records))) log(line);

// docs/decisions.md §Read only what scores need: a full snapshot-and-write pass over a 10,000-contact sandbox
// portal at the real rate limit (about 2–4 minutes). BENCH_SKIP_SANDBOX=1 leaves it out.
if (process.env.BENCH_SKIP_SANDBOX !== "1") {
  log("\nsandbox pass (10,000 contacts × 10 engagements, 110 requests / 10 s):");
  for (const line of formatSandboxPassReport(await runSandboxPassBench({ idsPerPass: 1_000 }))) log(line);
}
