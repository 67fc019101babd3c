import { Redis } from "ioredis";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import { openRedisDueIndex } from "../../src/adapters/queue/redis-due-index.js";
import type { DueIndex, DueRecord } from "../../src/ports/due-index.js";
import { dueIndexContract } from "../support/due-index-contract.js";
import { findFreePort } from "./support/find-free-port.js";
import { startRedis, useRedisServer } from "./support/start-redis.js";

// The due-index several app instances share on REDIS_URL (docs/decisions.md §Several instances): the contract
// every DueIndex keeps, then what only a shared one must do: split due records between instances (claims).

const key = (d: DueRecord) => `${d.portalId}:${d.object}:${d.recordId}`;

describe("openRedisDueIndex", { timeout: 30_000 }, () => {
  const server = useRedisServer();
  /** The running server's URL; throws why it did not start. */
  const redisUrl = () => server().url;

  let tests = 0;
  /** An index on its own connection; a new prefix unless given, so each test starts empty. */
  async function openIndex(options: { prefix?: string; leaseMs?: number } = {}): Promise<DueIndex> {
    tests += 1;
    const index = await openRedisDueIndex({ url: redisUrl(), prefix: `test-${tests}:`, ...options });
    onTestFinished(() => index.close());
    return index;
  }

  describe("keeps the due-index contract", () => {
    dueIndexContract(() => openRedisDueIndex({ url: redisUrl(), prefix: `contract-${++tests}:` }));
  });

  it("splits the due records between two instances asking at the same moment", async () => {
    const [first, second] = [await openIndex({ prefix: "shared:" }), await openIndex({ prefix: "shared:" })];
    for (const portalId of [1, 2, 3]) {
      const dues = Array.from({ length: 40 }, (_, i) => [String(i), 1_000 + i * 7 + portalId] as const);
      await first.set(portalId, "contacts", new Map(dues));
      await first.set(portalId, "deals", new Map([["later", 5_000]]));
    }

    const [a, b] = await Promise.all([first.due(2_000, 100), second.due(2_000, 100)]);
    const claimedByBoth = a.map(key).filter((k) => b.map(key).includes(k));
    expect(claimedByBoth).toEqual([]);
    expect(a.length + b.length).toBe(120);
    for (const answer of [a, b]) {
      expect(answer.map((d) => d.dueAtMs)).toEqual(answer.map((d) => d.dueAtMs).sort((x, y) => x - y));
    }
    // Everything due is claimed, and claims hide nothing that was not due.
    expect(await Promise.all([first.due(2_000, 100), second.due(2_000, 100)])).toEqual([[], []]);
    expect((await first.due(5_000, 100)).map(key)).toEqual([
      "1:deals:later",
      "2:deals:later",
      "3:deals:later",
    ]);
    expect(await first.count()).toBe(123);
  });

  it("answers a claimed record that nobody set again when its lease ends, not before", async () => {
    const index = await openIndex({ leaseMs: 60_000 });
    await index.set(
      1,
      "contacts",
      new Map([
        ["a", 100],
        ["b", 200],
      ]),
    );
    expect((await index.due(1_000, 1)).map(key)).toEqual(["1:contacts:a"]);
    // The instance that claimed "a" crashed before setting it; a later call gets the next record.
    expect((await index.due(1_000, 10)).map(key)).toEqual(["1:contacts:b"]);
    expect(await index.due(60_999, 10)).toEqual([]);
    expect(await index.due(61_000, 10)).toEqual([
      { portalId: 1, object: "contacts", recordId: "a", dueAtMs: 61_000 },
      { portalId: 1, object: "contacts", recordId: "b", dueAtMs: 61_000 },
    ]);
  });

  it("lets a lowered time bring a claimed record back before its lease ends", async () => {
    // A webhook rescore of some scores (DueIndex.lower) on another instance knows better than the lease.
    const index = await openIndex({ leaseMs: 60_000 });
    await index.set(1, "contacts", new Map([["a", 100]]));
    await index.due(1_000, 10);
    await index.lower(1, "contacts", new Map([["a", 2_000]]));
    expect((await index.due(2_000, 10)).map((d) => d.dueAtMs)).toEqual([2_000]);
  });

  it("keeps indexes with different prefixes apart on one Redis", async () => {
    const [mine, theirs] = [await openIndex(), await openIndex()];
    await mine.set(7, "contacts", new Map([["1", 100]]));
    await theirs.set(7, "contacts", new Map([["2", 100]]));
    await theirs.removePortal(7);
    expect(await theirs.count()).toBe(0);
    expect((await mine.due(100, 10)).map(key)).toEqual(["7:contacts:1"]);
  });

  it("leaves open a client it was given, for its owner to close", async () => {
    const client = new Redis(redisUrl());
    onTestFinished(() => client.disconnect());
    const index = await openRedisDueIndex({ client, prefix: `test-${++tests}:` });
    await index.set(7, "contacts", new Map([["1", 100]]));
    await index.close();
    expect(await client.ping()).toBe("PONG");
  });

  it("names REDIS_URL and the host, never the password, when nothing answers there", async () => {
    const port = await findFreePort();
    const opening = openRedisDueIndex({ url: `redis://:s3cret@127.0.0.1:${port}` });
    await expect(opening).rejects.toThrowError(`REDIS_URL: cannot connect to Redis at 127.0.0.1:${port}`);
    await expect(opening).rejects.not.toThrowError(/s3cret/);
  });

  it("refuses a lease that is not a positive number of ms", async () => {
    await expect(openRedisDueIndex({ url: redisUrl(), leaseMs: 0 })).rejects.toThrowError(/leaseMs/);
  });
});

describe("openRedisDueIndex across a server restart", () => {
  it("fails at once while Redis is down, then reconnects and finds what it wrote (appendonly)", async () => {
    const redis = await startRedis();
    try {
      const index = await openRedisDueIndex({ url: redis.url });
      try {
        await index.set(7, "contacts", new Map([["1", 100]]));
        await redis.stop();
        // Rejected, not queued until Redis returns: the decay cron tries again next minute.
        await expect(index.count()).rejects.toThrowError();
        await redis.restart();
        // The client reconnects on its own backoff; the restarted server has forgotten the scripts,
        // so this also sends them again in full (NOSCRIPT).
        await vi.waitFor(async () => expect(await index.count()).toBe(1), { timeout: 10_000, interval: 100 });
        expect((await index.due(100, 10)).map(key)).toEqual(["7:contacts:1"]);
      } finally {
        await index.close();
      }
    } finally {
      await redis.dispose();
    }
  }, 30_000);
});
