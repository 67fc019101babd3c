import { describe, expect, it } from "vitest";
import { createKeyvPerformanceSnapshotStore } from "../../src/adapters/stores/keyv-performance-snapshot-store.js";
import { createKeyvRecordStore } from "../../src/adapters/stores/keyv-record-store.js";
import type { RecordPerformanceSummary } from "../../src/ports/performance-snapshot-store.js";
import type { HistoryEntry, RecordRef } from "../../src/ports/record-store.js";
import { T0 } from "../fixtures/installation.js";
import { STORE_BACKENDS } from "./support/store-backends.js";
import { useStoreServer } from "./support/use-store-server.js";

// What score performance relies on from the stores (docs/decisions.md §Score performance), on every
// DATABASE_URL family: the record store's "written since" read, and the snapshot store's pages.

const contact = (portalId: number, recordId: string): RecordRef => ({
  portalId,
  object: "contacts",
  recordId,
});
const entry = (atMs: number): HistoryEntry => ({
  property: "ls_a",
  old: null,
  new: "10",
  threshold: "low",
  atMs,
  cause: "webhook",
});
const summary = (atMs: number): RecordPerformanceSummary => ({ tiers: [[atMs, "low"]], values: [[1, 10]] });

describe.each(STORE_BACKENDS)("performance stores on $name", { timeout: 30_000 }, (backend) => {
  const stores = useStoreServer(backend);

  async function emptyStores(clock: { nowMs: number }) {
    const url = await stores.server().emptyStore();
    return {
      records: createKeyvRecordStore(await stores.open(url, "records"), {
        journal: await stores.open(url, "history-journal"),
        now: () => clock.nowMs,
      }),
      snapshots: createKeyvPerformanceSnapshotStore(await stores.open(url, "performance-snapshots")),
    };
  }

  async function writtenSince(records: Awaited<ReturnType<typeof emptyStores>>["records"], sinceMs: number) {
    const pages: string[][] = [];
    await records.historyWrittenSince(
      1,
      "contacts",
      sinceMs,
      async (ids) => void pages.push([...ids].sort()),
      2,
    );
    return pages;
  }

  it("lists the records whose history was written, deleted or moved since an instant, in pages", async () => {
    const clock = { nowMs: T0 };
    const { records } = await emptyStores(clock);
    await records.appendHistory(contact(1, "1"), [entry(T0)]);
    await records.appendHistory(contact(1, "2"), [entry(T0)]);
    await records.appendHistory(contact(2, "1"), [entry(T0)]);
    clock.nowMs = T0 + 1_000;
    await records.appendHistory(contact(1, "3"), [entry(T0 - 5_000)]);
    await records.deleteRecord(contact(1, "2"));
    clock.nowMs = T0 + 2_000;
    await records.moveRecord(contact(1, "1"), "4");
    expect((await writtenSince(records, T0 + 1_000)).flat().sort()).toEqual(["1", "2", "3", "4"]);
    expect((await writtenSince(records, T0 + 2_000)).flat().sort()).toEqual(["1", "4"]);
    expect((await writtenSince(records, T0)).every((page) => page.length <= 2)).toBe(true);
    expect(await records.countHistories(1, "contacts")).toBe(2);
    await records.deletePortal(1);
    expect(await writtenSince(records, 0)).toEqual([]);
  });

  it("keeps a score's summaries apart from another score's, even one whose id extends it, and forgets them", async () => {
    const { snapshots } = await emptyStores({ nowMs: T0 });
    await snapshots.saveHead(1, "a", {
      object: "contacts",
      property: "ls_a",
      revision: 1,
      refreshFromMs: T0,
      builtAtMs: T0,
    });
    await snapshots.putSummaries(
      1,
      "a",
      new Map([
        ["1", summary(T0)],
        ["2", summary(T0 + 1)],
      ]),
    );
    await snapshots.putSummaries(1, "a:r", new Map([["9", summary(T0)]]));
    await snapshots.putSummaries(1, "a", new Map([["2", null]]));
    const pages: [string, RecordPerformanceSummary][][] = [];
    await snapshots.forEachSummaryPage(1, "a", async (page) => void pages.push(page), 1);
    expect(pages).toEqual([[["1", summary(T0)]]]);
    await snapshots.deleteScore(1, "a");
    expect(await snapshots.head(1, "a")).toBeUndefined();
    const kept = async (scoreId: string) => {
      const ids: string[] = [];
      await snapshots.forEachSummaryPage(
        1,
        scoreId,
        async (page) => void ids.push(...page.map(([id]) => id)),
      );
      return ids;
    };
    expect(await kept("a:r")).toEqual(["9"]);
    await snapshots.deletePortal(1);
    expect(await kept("a:r")).toEqual([]);
  });
});
