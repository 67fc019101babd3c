import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyvPerformanceSnapshotStore } from "../../../../src/adapters/stores/keyv-performance-snapshot-store.js";
import { createKeyvRecordStore } from "../../../../src/adapters/stores/keyv-record-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import {
  buildPerformanceSnapshot,
  refreshPerformanceSnapshot,
} from "../../../../src/app/performance/performance-snapshot.js";
import {
  type PerformanceQuery,
  scorePerformance,
} from "../../../../src/app/performance/score-performance.js";
import { compactHistoryEntries } from "../../../../src/app/pipeline/compact-history.js";
import { parseDefinition } from "../../../../src/scoring/index.js";
import { createTestScoresDeps } from "../../../fixtures/app/create-test-scores-deps.js";
import {
  appendDay,
  customerAtOf,
  seededRandom,
  writesOfDay,
} from "../../../fixtures/performance-histories.js";
import { hubspotKnowsCustomerDatesOf } from "../../../fixtures/performance-seed.js";
import { buildLeadScoreDraft } from "../../../fixtures/score-drafts.js";

// docs/decisions.md §Score performance: a snapshot built once and refreshed day by day (the daily job, the
// clock moved) answers exactly what the full computation over every history answers, on the real keyv
// SQLite store: tiers, overTime and lift, for several windows, through deletions, a merge and retention.

const DAY = 86_400_000;
const PORTAL = 62515;
const RECORDS = 120;
const START = Date.UTC(2026, 8, 1);
const QUERIES: PerformanceQuery[] = [
  { to: "customer", withinDays: 7, days: 10 },
  { to: "customer", withinDays: 30, days: 45 },
  { to: "customer", withinDays: 3, days: 1 },
];

let dir: string;
beforeEach(() => {
  // A real SQLite file; in memory-backed /dev/shm where there is one, so its many small commits do not
  // wait on a busy disk.
  dir = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "ls-performance-"));
  nock.disableNetConnect();
  hubspotKnowsCustomerDatesOf((id) => customerAtOf(Number(id), START));
});
afterEach(() => {
  nock.cleanAll();
  rmSync(dir, { recursive: true, force: true });
});

async function setUp() {
  const { deps, jobs, clock } = await createTestScoresDeps(PORTAL);
  clock.nowMs = START;
  const uri = `sqlite://${join(dir, "store.sqlite")}`;
  const records = createKeyvRecordStore(await openKeyv(uri, "records"), {
    journal: await openKeyv(uri, "history-journal"),
    now: () => clock.nowMs,
  });
  const performanceSnapshots = createKeyvPerformanceSnapshotStore(
    await openKeyv(uri, "performance-snapshots"),
  );
  const definition = parseDefinition({ ...buildLeadScoreDraft(), thresholds: { high: 70, medium: 40 } });
  await deps.scores.save(PORTAL, definition, { savedBy: "test", savedAtMs: START, change: "create" });
  // Without a snapshot store: the full computation over every history.
  const { performanceSnapshots: _kept, ...withoutSnapshots } = deps;
  const full = { ...withoutSnapshots, records, jobs };
  return { withSnapshot: { ...full, performanceSnapshots }, full, records, performanceSnapshots, clock };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function expectSameAnswers(s: Setup) {
  for (const query of QUERIES) {
    const fromSnapshot = await scorePerformance(s.withSnapshot, PORTAL, "lead", query);
    const fromHistories = await scorePerformance(s.full, PORTAL, "lead", query);
    expect(fromSnapshot, JSON.stringify(query)).toEqual(fromHistories);
    expect("performance" in fromSnapshot).toBe(true);
  }
}

describe("a performance snapshot refreshed day by day", () => {
  it("answers what the full computation over every history answers, through deletions, a merge and retention", async () => {
    const s = await setUp();
    const random = seededRandom(18);
    for (let day = 0; day < 12; day++)
      await appendDay(s.records, PORTAL, s.clock, writesOfDay(random, RECORDS, START, day));
    s.clock.nowMs = START + 12 * DAY + 3_600_000;
    const built = await buildPerformanceSnapshot(
      s.withSnapshot,
      PORTAL,
      "lead",
      { object: "contacts", property: "ls_lead", revision: 1 },
      async () => {},
    );
    expect(built).toBeGreaterThan(RECORDS / 2);
    let rereadInAll = 0;
    for (let day = 12; day < 50; day++) {
      const writes = writesOfDay(random, RECORDS, START, day);
      // The daily job runs at 04:17, between the day's writes.
      const [before, after] = [writes.slice(0, writes.length / 2), writes.slice(writes.length / 2)];
      await appendDay(s.records, PORTAL, s.clock, before);
      s.clock.nowMs = Math.max(s.clock.nowMs, START + day * DAY + 4 * 3_600_000);
      const head = await s.performanceSnapshots.head(PORTAL, "lead");
      if (!head) throw new Error("the snapshot lost its head");
      const reread = await refreshPerformanceSnapshot(s.withSnapshot, PORTAL, "lead", head);
      // Only what was written since the last refresh (and a minute before it) is read again; the day
      // after retention thinned every history, every history.
      if (day !== 31) expect(reread).toBeLessThan(RECORDS / 2);
      rereadInAll += reread;
      await appendDay(s.records, PORTAL, s.clock, after);
      if (day === 20) await s.records.deleteRecord({ portalId: PORTAL, object: "contacts", recordId: "5" });
      if (day === 25)
        await s.records.moveRecord({ portalId: PORTAL, object: "contacts", recordId: "7" }, "8");
      if (day === 30)
        await s.records.rewriteHistories(PORTAL, (entries) =>
          compactHistoryEntries(entries, START + 20 * DAY),
        );
      if (day === 22 || day === 35) await expectSameAnswers(s);
    }
    s.clock.nowMs = START + 49 * DAY + 20 * 3_600_000;
    await expectSameAnswers(s);
    expect(rereadInAll).toBeGreaterThan(0);
  }, 60_000);
});
