import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { openRedisLocks, type RedisLocks } from "../../src/adapters/coordination/redis-locks.js";
import { useRedisServer } from "./support/start-redis.js";

// What keeps two instances (REDIS_URL, docs/decisions.md §Record locks) from doing one thing twice: a
// scheduled task runs on one instance per period, a record is rescored by one instance at a time. Real
// redis-server.

const server = useRedisServer();
const opened: RedisLocks[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((locks) => locks.close()));
});

/** Two instances' locks on one prefix (one per test). */
async function twoInstances(taskLockMs = 60_000) {
  const { url } = server();
  const prefix = `t-${randomUUID()}:`;
  const [a, b] = await Promise.all([
    openRedisLocks({ url, prefix, taskLockMs }),
    openRedisLocks({ url, prefix, taskLockMs }),
  ]);
  opened.push(a, b);
  return [a, b] as const;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Redis task locks", { timeout: 20_000 }, () => {
  it("runs a task on one instance when both trigger it together", async () => {
    const [a, b] = await twoInstances();
    let runs = 0;
    const task = async () => {
      runs++;
      await sleep(100);
    };
    const ran = await Promise.all([a.runAlone("decay", 30_000, task), b.runAlone("decay", 30_000, task)]);
    expect(runs).toBe(1);
    expect(ran.filter(Boolean)).toHaveLength(1);
  });

  it("skips a trigger within the gap after a run started, and runs again after it", async () => {
    const [a, b] = await twoInstances();
    const task = async () => undefined;
    expect(await a.runAlone("poll", 300, task)).toBe(true);
    expect(await b.runAlone("poll", 300, task)).toBe(false);
    await sleep(350);
    expect(await b.runAlone("poll", 300, task)).toBe(true);
    // Other tasks have their own locks and gaps.
    expect(await a.runAlone("sweep", 300, task)).toBe(true);
  });

  it("keeps a long task locked past its lock time by renewing it, and frees it when it fails", async () => {
    const [a, b] = await twoInstances(300);
    let release: () => void = () => undefined;
    const long = a.runAlone("sweep", 0, () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(700);
    expect(await b.runAlone("sweep", 0, async () => undefined)).toBe(false);
    release();
    expect(await long).toBe(true);
    await expect(a.runAlone("sweep", 0, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await b.runAlone("sweep", 0, async () => undefined)).toBe(true);
  });
});

describe("Redis record locks", { timeout: 20_000 }, () => {
  it("gives each key to one instance until released, and lets an abandoned lock expire", async () => {
    const [a, b] = await twoInstances();
    expect(await a.take(["7:contacts:1", "7:contacts:2"], 60_000)).toEqual(["7:contacts:1", "7:contacts:2"]);
    expect(await b.take(["7:contacts:2", "7:contacts:3"], 60_000)).toEqual(["7:contacts:3"]);
    // Only the holder's release counts.
    await b.release(["7:contacts:1"]);
    expect(await b.take(["7:contacts:1"], 60_000)).toEqual([]);
    await a.release(["7:contacts:1", "7:contacts:2"]);
    expect(await b.take(["7:contacts:1", "7:contacts:2"], 200)).toEqual(["7:contacts:1", "7:contacts:2"]);
    await sleep(250);
    expect(await a.take(["7:contacts:1"], 60_000)).toEqual(["7:contacts:1"]);
    expect(await a.take([], 60_000)).toEqual([]);
  });
});
