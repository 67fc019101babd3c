import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  createKeyvPerformanceSnapshotStore,
  SUMMARY_SQLITE_PAGE,
} from "../src/adapters/stores/keyv-performance-snapshot-store.js";
import { createKeyvRecordStore, JOURNAL_SQLITE_PAGE } from "../src/adapters/stores/keyv-record-store.js";
import { openKeyv } from "../src/adapters/stores/open-keyv.js";
import { createPerformanceTally } from "../src/app/performance/build-score-performance.js";
import {
  buildPerformanceSnapshot,
  type PerformanceSnapshotDeps,
  refreshPerformanceSnapshot,
} from "../src/app/performance/performance-snapshot.js";
import { buildPerformanceWindow } from "../src/app/performance/performance-window.js";
import { windowRecordSummary } from "../src/app/performance/summarize-score-history.js";
import type { HistoryEntry } from "../src/ports/record-store.js";
import { createPrng } from "./prng.js";

// docs/decisions.md §Score performance: a portal's score history in a real SQLite store (a few entries per
// record over 90 days), then, each in a fresh node process so its peak memory is its own, the first build of
// the snapshot, a day's incremental refresh (2% of the records written), and reading every summary for a
// 90-day answer (everything but HubSpot's lifecycle dates). Figures, no goals on time.

const PORTAL = 1;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);
const PROPERTY = "ls_lead";
const tierOf = (v: number) => (v >= 70 ? "high" : v >= 40 ? "medium" : "low");

export type PhaseFigures = { seconds: number; records: number; liveHeapMb: number; peakRssMb: number };
export type SnapshotBenchFigures = {
  records: number;
  seedSeconds: number;
  build: PhaseFigures;
  refresh: PhaseFigures;
  answer: PhaseFigures;
};

async function openStores(file: string, now: () => number): Promise<PerformanceSnapshotDeps> {
  const uri = `sqlite://${file}`;
  return {
    records: createKeyvRecordStore(await openKeyv(uri, "records"), {
      journal: await openKeyv(uri, "history-journal", { sqlitePageSize: JOURNAL_SQLITE_PAGE }),
      now,
    }),
    performanceSnapshots: createKeyvPerformanceSnapshotStore(
      await openKeyv(uri, "performance-snapshots", { sqlitePageSize: SUMMARY_SQLITE_PAGE }),
    ),
    now,
  };
}

/** A history of 2–6 changes over the 90 days before NOW, values from 0 to 100. */
function historyOf(random: () => number): HistoryEntry[] {
  const count = 2 + Math.floor(random() * 5);
  const times = Array.from({ length: count }, () => NOW - Math.floor(random() * 90 * DAY)).sort(
    (a, b) => a - b,
  );
  return times.map((atMs) => {
    const value = Math.floor(random() * 101);
    return {
      property: PROPERTY,
      old: null,
      new: String(value),
      threshold: tierOf(value),
      atMs,
      cause: "webhook",
    };
  });
}

async function seed(file: string, records: number): Promise<number> {
  const started = performance.now();
  const { records: store } = await openStores(file, () => NOW - 3_600_000);
  const random = createPrng(records);
  for (let id = 1; id <= records; id++)
    await store.appendHistory(
      { portalId: PORTAL, object: "contacts", recordId: String(id) },
      historyOf(random),
    );
  return (performance.now() - started) / 1000;
}

/** A day later: 2% of the records get a new value. */
async function writeADay(file: string, records: number) {
  const { records: store } = await openStores(file, () => NOW + DAY);
  const random = createPrng(records + 1);
  for (let id = 1; id <= records; id += 50) {
    const value = Math.floor(random() * 101);
    await store.appendHistory({ portalId: PORTAL, object: "contacts", recordId: String(id) }, [
      {
        property: PROPERTY,
        old: null,
        new: String(value),
        threshold: tierOf(value),
        atMs: NOW + DAY - 3_600_000,
        cause: "webhook",
      },
    ]);
  }
}

/** One phase in this process: its wall time, and the peak heap sampled at every page and every 20 ms. */
async function runPhase(phase: string, file: string): Promise<PhaseFigures> {
  let liveHeap = 0;
  let pages = 0;
  // Every 10th page, what is live after a full collection (node --expose-gc): what the phase holds, not
  // garbage the collector had not reached yet.
  const gc = (globalThis as { gc?: () => void }).gc;
  const sample = () => {
    gc?.();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  };
  const atPage = () => {
    if (++pages % 10 === 0) sample();
  };
  const started = performance.now();
  let records = 0;
  const at = phase === "build" ? NOW : NOW + DAY;
  const deps = await openStores(file, () => at);
  if (phase === "build")
    records = await buildPerformanceSnapshot(
      deps,
      PORTAL,
      "lead",
      { object: "contacts", property: PROPERTY, revision: 1 },
      async () => atPage(),
    );
  else if (phase === "refresh") {
    const head = await deps.performanceSnapshots.head(PORTAL, "lead");
    if (!head) throw new Error("no snapshot to refresh: run the build first");
    records = await refreshPerformanceSnapshot(deps, PORTAL, "lead", head);
  } else {
    const window = buildPerformanceWindow(at, 90);
    const daily = window.days.map(() => new Map<string, number>());
    const tally = createPerformanceTally(window, 30);
    await deps.performanceSnapshots.forEachSummaryPage(PORTAL, "lead", async (page) => {
      for (const [id, summary] of page) tally.add(windowRecordSummary(id, summary, window, daily), null);
      records += page.length;
      atPage();
    });
    tally.result(["high", "medium", "low"], daily);
  }
  const seconds = (performance.now() - started) / 1000;
  sample();
  return {
    seconds,
    records,
    liveHeapMb: liveHeap / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const self = fileURLToPath(import.meta.url);
const inChild = async (phase: string, file: string): Promise<PhaseFigures> => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", self, phase, file], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as PhaseFigures;
};

/** Seeds `records` histories, then measures build, a day's refresh and an answer's read, each in a child. */
export async function runPerformanceSnapshotBench(records: number): Promise<SnapshotBenchFigures> {
  // /dev/shm where there is one: the figures are the app's, not a busy disk's.
  const dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "ls-bench-performance-"));
  const file = join(dir, "store.sqlite");
  try {
    const seedSeconds = await seed(file, records);
    const build = await inChild("build", file);
    await writeADay(file, records);
    const refresh = await inChild("refresh", file);
    const answer = await inChild("answer", file);
    return { records, seedSeconds, build, refresh, answer };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSnapshotFigures(f: SnapshotBenchFigures): string[] {
  const n = (x: number, digits = 0) =>
    x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const line = (what: string, p: PhaseFigures) =>
    `  ${what.padEnd(26)} ${n(p.seconds, 2).padStart(7)} s  ${n(p.records / p.seconds).padStart(8)} records/s  live heap ≤ ${n(p.liveHeapMb, 1)} MB, peak RSS ${n(p.peakRssMb, 1)} MB`;
  return [
    `${n(f.records)} records (seeded in ${n(f.seedSeconds, 1)} s):`,
    line(`first build (${n(f.build.records)})`, f.build),
    line(`a day's refresh (${n(f.refresh.records)})`, f.refresh),
    line(`a 90-day answer's read (${n(f.answer.records)})`, f.answer),
  ];
}

// `node dist/bench/performance-snapshot.js <phase> <file>`: one phase, its figures as JSON on stdout.
if (process.argv[1] === self && process.argv[2] !== undefined && process.argv[3] !== undefined)
  process.stdout.write(JSON.stringify(await runPhase(process.argv[2], process.argv[3])));
