import { Keyv } from "keyv";
import { describe, expect, it } from "vitest";
import { createKeyvRecordStore } from "../../../../src/adapters/stores/keyv-record-store.js";
import type { HistoryEntry } from "../../../../src/ports/record-store.js";

const entry = (atMs: number, value: string): HistoryEntry => ({
  property: "ls_lead",
  old: null,
  new: value,
  threshold: null,
  atMs,
  cause: "webhook",
});
const ref = (recordId: string, portalId = 1) => ({ portalId, object: "contacts" as const, recordId });

describe("keyv record store: deletion, merge and retention", () => {
  it("deleteRecord forgets the record's resets and history and nothing of other records", async () => {
    const store = createKeyvRecordStore(new Keyv());
    await store.setReset(ref("1"), "s", 5);
    await store.appendHistory(ref("1"), [entry(1, "a")]);
    await store.appendHistory(ref("2"), [entry(1, "b")]);
    await store.deleteRecord(ref("1"));
    expect(await store.history(ref("1"))).toEqual([]);
    expect((await store.resets(1, "contacts", ["1"])).size).toBe(0);
    expect(await store.history(ref("2"))).toHaveLength(1);
  });

  it("moveRecord gives the survivor the merged record's history in time order and keeps the survivor's own resets", async () => {
    const store = createKeyvRecordStore(new Keyv());
    await store.setReset(ref("9"), "a", 1);
    await store.setReset(ref("9"), "b", 2);
    await store.setReset(ref("1"), "a", 7);
    await store.appendHistory(ref("9"), [entry(10, "merged-1"), entry(30, "merged-2")]);
    await store.appendHistory(ref("1"), [entry(20, "own")]);
    await store.moveRecord(ref("9"), "1");
    expect((await store.history(ref("1"))).map((e) => e.new)).toEqual(["merged-1", "own", "merged-2"]);
    expect((await store.resets(1, "contacts", ["1"])).get("1")).toEqual({ a: 7, b: 2 });
    expect(await store.history(ref("9"))).toEqual([]);
    expect((await store.resets(1, "contacts", ["9"])).size).toBe(0);
  });

  it("rewriteHistories rewrites only the portal's histories and counts those that changed", async () => {
    const store = createKeyvRecordStore(new Keyv());
    await store.appendHistory(ref("1"), [entry(1, "a"), entry(2, "b")]);
    await store.appendHistory(ref("2"), [entry(3, "c")]);
    await store.appendHistory(ref("1", 2), [entry(1, "x"), entry(2, "y")]);
    const changed = await store.rewriteHistories(1, (entries) => entries.slice(-1));
    expect(changed).toBe(1);
    expect((await store.history(ref("1"))).map((e) => e.new)).toEqual(["b"]);
    expect(await store.history(ref("1", 2))).toHaveLength(2);
  });

  it("forEachHistory visits each history of one portal and object, by record id, and no other", async () => {
    const store = createKeyvRecordStore(new Keyv());
    await store.appendHistory(ref("1"), [entry(1, "a"), entry(2, "b")]);
    await store.appendHistory(ref("22"), [entry(3, "c")]);
    await store.appendHistory(ref("1", 2), [entry(1, "x")]);
    await store.appendHistory({ portalId: 1, object: "companies", recordId: "7" }, [entry(1, "y")]);
    await store.setReset(ref("3"), "s", 5);
    const seen: [string, (string | null)[]][] = [];
    await store.forEachHistory(1, "contacts", (recordId, entries) => {
      seen.push([recordId, entries.map((e) => e.new)]);
    });
    expect(seen.sort()).toEqual([
      ["1", ["a", "b"]],
      ["22", ["c"]],
    ]);
  });
});
