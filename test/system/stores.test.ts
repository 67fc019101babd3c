import type { Keyv } from "keyv";
import { describe, expect, it, vi } from "vitest";
import { createKeyvInstallationStore } from "../../src/adapters/stores/keyv-installation-store.js";
import { createKeyvJobStore } from "../../src/adapters/stores/keyv-job-store.js";
import {
  createKeyvRecordStore,
  HISTORY_LIMIT_PER_RECORD,
} from "../../src/adapters/stores/keyv-record-store.js";
import { createKeyvScoreStore } from "../../src/adapters/stores/keyv-score-store.js";
import { createKeyvSuggestionStore } from "../../src/adapters/stores/keyv-suggestion-store.js";
import { openKeyv } from "../../src/adapters/stores/open-keyv.js";
import type { Job } from "../../src/ports/job-store.js";
import type { HistoryEntry, RecordRef } from "../../src/ports/record-store.js";
import { parseDefinition } from "../../src/scoring/index.js";
import { createDummyInstallation, T0 } from "../fixtures/installation.js";
import { createDummySuggestion } from "../fixtures/suggest/suggestion.js";
import { definition } from "../support/scoring-builders.js";
import { startRedis } from "./support/start-redis.js";
import { STORE_BACKENDS } from "./support/store-backends.js";
import { useStoreServer } from "./support/use-store-server.js";

// The same contract for every DATABASE_URL family (docs/decisions.md §Several instances: several app
// instances share a Redis or PostgreSQL store): what the app relies on from its keyv stores, on a real
// server each.

type ValueOf<Factory> = Factory extends (keyv: Keyv<infer Value>) => unknown ? Value : never;

const def = (id: string) => parseDefinition(definition({ id, property: { name: `ls_${id}` } }));
const meta = (change: string, savedAtMs = T0) => ({ savedBy: "ops@example.com", savedAtMs, change });
const contact = (portalId: number, recordId: string): RecordRef => ({
  portalId,
  object: "contacts",
  recordId,
});
const change = (atMs: number, value: string): HistoryEntry => ({
  property: "ls_a",
  old: null,
  new: value,
  threshold: null,
  atMs,
  cause: "webhook",
});

function createDummyJob(overrides: Partial<Job> = {}): Job {
  return {
    id: "job-1",
    portalId: 7,
    kind: "rescore",
    scoreId: "a",
    status: "queued",
    progress: { done: 0, total: null },
    cursor: null,
    createdAtMs: T0,
    updatedAtMs: T0,
    ...overrides,
  };
}

describe.each(STORE_BACKENDS)("keyv stores on $name", { timeout: 30_000 }, (backend) => {
  const stores = useStoreServer(backend);

  /** The stores as the app opens them: one DATABASE_URL, one keyv namespace each. */
  async function openStores(url: string) {
    const open = <Value>(namespace: string) => stores.open<Value>(url, namespace);
    return {
      installations: createKeyvInstallationStore(
        await open<ValueOf<typeof createKeyvInstallationStore>>("installations"),
      ),
      scores: createKeyvScoreStore(await open<ValueOf<typeof createKeyvScoreStore>>("scores")),
      records: createKeyvRecordStore(await open<ValueOf<typeof createKeyvRecordStore>>("records")),
      jobs: createKeyvJobStore(await open<ValueOf<typeof createKeyvJobStore>>("jobs")),
      suggestions: createKeyvSuggestionStore(
        await open<ValueOf<typeof createKeyvSuggestionStore>>("suggestions"),
      ),
    };
  }

  async function emptyStores() {
    return openStores(await stores.server().emptyStore());
  }

  it("saves, reads back and lists installations by portal; unknown portals are undefined", async () => {
    const { installations } = await emptyStores();
    const first = createDummyInstallation({ portalId: 300 });
    await installations.save(first);
    await installations.save(createDummyInstallation({ portalId: 100 }));
    expect(await installations.get(300)).toEqual(first);
    expect(await installations.get(404)).toBeUndefined();
    expect((await installations.list()).map((i) => i.portalId)).toEqual([100, 300]);
  });

  it("marks an installation disconnected, then deletes it", async () => {
    const { installations } = await emptyStores();
    const installation = createDummyInstallation();
    await installations.save(installation);
    await installations.markDisconnected(62515, T0 + 1000, "invalid_grant");
    expect(await installations.get(62515)).toEqual({
      ...installation,
      status: "disconnected",
      disconnectedAtMs: T0 + 1000,
      disconnectReason: "invalid_grant",
    });
    expect(await installations.delete(62515)).toBe(true);
    expect(await installations.delete(62515)).toBe(false);
    expect(await installations.list()).toEqual([]);
  });

  it("numbers score revisions from 1, keeps every one when saves race, lists the latest", async () => {
    const { scores } = await emptyStores();
    await scores.save(7, def("a"), meta("create"));
    await Promise.all(Array.from({ length: 8 }, (_, i) => scores.save(7, def("a"), meta(`update ${i}`))));
    await scores.save(7, def("b"), meta("create", T0 + 1));
    expect((await scores.revisions(7, "a")).map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await scores.get(7, "a"))?.revision).toBe(9);
    expect((await scores.list(7)).map((r) => [r.definition.id, r.revision])).toEqual([
      ["a", 9],
      ["b", 1],
    ]);
    expect(await scores.delete(7, "a")).toBe(true);
    expect(await scores.delete(7, "a")).toBe(false);
    expect(await scores.revisions(7, "a")).toEqual([]);
    expect((await scores.list(7)).map((r) => r.definition.id)).toEqual(["b"]);
  });

  it("keeps resets per record and score, and history oldest first up to its limit", async () => {
    const { records } = await emptyStores();
    await records.setReset(contact(7, "1"), "a", T0);
    await records.setReset(contact(7, "1"), "b", T0 + 1);
    await records.setReset(contact(7, "2"), "a", T0 + 2);
    const resets = await records.resets(7, "contacts", ["1", "2", "3"]);
    expect(Object.fromEntries(resets)).toEqual({ "1": { a: T0, b: T0 + 1 }, "2": { a: T0 + 2 } });
    expect((await records.resets(7, "companies", ["1"])).size).toBe(0);

    await Promise.all([1, 2, 3].map((i) => records.appendHistory(contact(7, "1"), [change(T0 + i, `${i}`)])));
    expect((await records.history(contact(7, "1"))).map((e) => e.new)).toEqual(["1", "2", "3"]);
    const many = Array.from({ length: HISTORY_LIMIT_PER_RECORD }, (_, i) => change(T0 + 10 + i, `n${i}`));
    await records.appendHistory(contact(7, "1"), many);
    const history = await records.history(contact(7, "1"));
    expect(history).toHaveLength(HISTORY_LIMIT_PER_RECORD);
    expect(history[0]?.new).toBe("n0");
    expect(await records.history(contact(7, "404"))).toEqual([]);
  });

  it("lists unfinished jobs across portals, including jobs saved at the same moment", async () => {
    const { jobs } = await emptyStores();
    const saved = Array.from({ length: 12 }, (_, i) =>
      createDummyJob({ id: `job-${i}`, portalId: i % 2 === 0 ? 7 : 8 }),
    );
    await Promise.all(saved.map((job) => jobs.save(job)));
    await jobs.save({ ...(saved[0] as Job), status: "done" });
    await jobs.save({ ...(saved[1] as Job), status: "failed", error: "boom" });
    await jobs.save({ ...(saved[2] as Job), status: "paused", cursor: "page-3" });
    await jobs.save({ ...(saved[3] as Job), status: "running", progress: { done: 5, total: 10 } });

    const unfinished = await jobs.unfinished();
    expect(unfinished.map((j) => j.id).sort()).toEqual(
      saved
        .slice(2)
        .map((j) => j.id)
        .sort(),
    );
    expect(unfinished.find((j) => j.id === "job-2")?.cursor).toBe("page-3");
    expect(await jobs.get(7, "job-0")).toMatchObject({ status: "done" });
    expect(await jobs.get(8, "job-0")).toBeUndefined();
  });

  it("erases one portal from every store and leaves the others, even a portal whose id extends it", async () => {
    const stores = await emptyStores();
    for (const portalId of [7, 70]) {
      await stores.installations.save(createDummyInstallation({ portalId }));
      await stores.scores.save(portalId, def("a"), meta("create"));
      await stores.records.setReset(contact(portalId, "1"), "a", T0);
      await stores.records.appendHistory(contact(portalId, "1"), [change(T0, "10")]);
      await stores.jobs.save(createDummyJob({ portalId }));
      await stores.suggestions.save(portalId, "a", createDummySuggestion());
    }

    await stores.suggestions.deletePortal(7);
    await stores.scores.deletePortal(7);
    await stores.records.deletePortal(7);
    await stores.jobs.deletePortal(7);
    await stores.installations.delete(7);

    expect(await stores.scores.list(7)).toEqual([]);
    expect(await stores.records.history(contact(7, "1"))).toEqual([]);
    expect((await stores.records.resets(7, "contacts", ["1"])).size).toBe(0);
    expect(await stores.jobs.get(7, "job-1")).toBeUndefined();
    expect((await stores.installations.list()).map((i) => i.portalId)).toEqual([70]);
    expect((await stores.scores.list(70)).map((r) => r.definition.id)).toEqual(["a"]);
    expect(await stores.records.history(contact(70, "1"))).toHaveLength(1);
    expect((await stores.records.resets(70, "contacts", ["1"])).size).toBe(1);
    expect((await stores.jobs.unfinished()).map((j) => j.portalId)).toEqual([70]);
    expect(await stores.suggestions.get(7, "a")).toBeUndefined();
    expect(await stores.suggestions.get(70, "a")).toEqual(createDummySuggestion());
  });

  it("keeps namespaces apart: listing and erasing touch only their own store's entries", async () => {
    const stores = await emptyStores();
    // Same portal everywhere, so only the namespace tells the entries apart.
    await stores.installations.save(createDummyInstallation({ portalId: 7 }));
    await stores.scores.save(7, def("a"), meta("create"));
    await stores.jobs.save(createDummyJob({ portalId: 7 }));
    await stores.records.appendHistory(contact(7, "1"), [change(T0, "10")]);

    expect((await stores.installations.list()).map((i) => i.portalId)).toEqual([7]);
    await stores.records.deletePortal(7);
    expect(await stores.records.history(contact(7, "1"))).toEqual([]);
    expect(await stores.scores.get(7, "a")).toBeDefined();
    expect(await stores.jobs.get(7, "job-1")).toBeDefined();
    expect(await stores.installations.get(7)).toBeDefined();
    await stores.jobs.deletePortal(7);
    expect(await stores.scores.get(7, "a")).toBeDefined();
  });

  it("erases a portal with more entries than one listing page holds", { timeout: 60_000 }, async () => {
    const { records } = await emptyStores();
    // 560 entries: more than one page of every iterator (SQLite 10, Redis SCAN ~10, PostgreSQL 500).
    // Not more: each SQLite write costs several fsyncs, seconds in all on a busy disk.
    const ids = (count: number) => Array.from({ length: count }, (_, i) => String(i));
    await Promise.all(ids(300).map((id) => records.setReset(contact(7, id), "a", T0)));
    await Promise.all(ids(260).map((id) => records.setReset(contact(8, id), "a", T0)));
    await records.deletePortal(7);
    expect((await records.resets(7, "contacts", ids(300))).size).toBe(0);
    expect((await records.resets(8, "contacts", ids(260))).size).toBe(260);
  });

  it("keeps what it wrote after the stores are closed and opened again", async () => {
    const url = await stores.server().emptyStore();
    const before = await openStores(url);
    await before.installations.save(createDummyInstallation({ portalId: 7 }));
    await before.scores.save(7, def("a"), meta("create"));
    await stores.closeOpened();

    const after = await openStores(url);
    expect((await after.installations.list()).map((i) => i.portalId)).toEqual([7]);
    expect((await after.scores.get(7, "a"))?.revision).toBe(1);
  });

  // Not defined for SQLite: a SQLite file belongs to one app instance (several instances share Redis or
  // PostgreSQL).
  if (backend.sharedByInstances) {
    it("answers true to exactly one of two instances deleting the same entry at once", async () => {
      const url = await stores.server().emptyStore();
      const [first, second] = [await openStores(url), await openStores(url)];
      for (const portalId of [1, 2, 3, 4, 5]) {
        await first.installations.save(createDummyInstallation({ portalId }));
        // A one-time sign-in link relies on this: only the instance that removed it may use it.
        const answers = await Promise.all([
          first.installations.delete(portalId),
          second.installations.delete(portalId),
        ]);
        expect(answers.filter(Boolean)).toHaveLength(1);
      }
    });
  }

  it("rejects a listing or an erasure when the store fails, instead of acting on part of it", async () => {
    const url = await stores.server().emptyStore();
    const { installations, records } = await openStores(url);
    await installations.save(createDummyInstallation({ portalId: 7 }));
    await records.appendHistory(contact(7, "1"), [change(T0, "10")]);
    await stores.server().breakStore(url);
    try {
      await expect(installations.list()).rejects.toThrowError();
      await expect(records.deletePortal(7)).rejects.toThrowError();
      await expect(installations.get(7)).rejects.toThrowError();
    } finally {
      await stores.server().repair();
    }
  });
});

describe("keyv stores on Redis across a server restart", () => {
  it("fail at once while Redis is down, then reconnect and find what they wrote (appendonly)", async () => {
    const redis = await startRedis();
    try {
      const keyv = await openKeyv<ValueOf<typeof createKeyvInstallationStore>>(redis.url, "installations");
      const installations = createKeyvInstallationStore(keyv);
      await installations.save(createDummyInstallation({ portalId: 7 }));
      await redis.stop();
      // Rejected, not queued until Redis returns: callers retry or answer 5xx instead of hanging.
      await expect(installations.get(7)).rejects.toThrowError(/offline/);
      await redis.restart();
      // The client reconnects on its own backoff (100 ms, doubling): poll for it rather than sleep.
      await vi.waitFor(async () => expect((await installations.list()).map((i) => i.portalId)).toEqual([7]), {
        timeout: 10_000,
        interval: 100,
      });
      await keyv.disconnect();
    } finally {
      await redis.dispose();
    }
  });
});
