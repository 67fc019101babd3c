import { randomUUID } from "node:crypto";
import type { RecordLocks, TaskLocks } from "../../ports/cluster-locks.js";
import { connectRedis } from "../queue/connect-redis.js";

// Locks shared by the app instances (REDIS_URL, docs/decisions.md §Record locks), each a Redis key holding
// this instance's token with an expiry, so a dead instance's locks free themselves. Each operation is one Lua
// script (atomic); time is Redis's own (TIME), so instances with skewed clocks agree on gaps.

// KEYS: running, last. ARGV: token, ttl ms, min gap ms. 1 = taken (and `last` set to now).
const TAKE_TASK = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
if now - last < tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], now)
return 1`;
// KEYS: lock keys. ARGV: token, ttl ms. Returns the indexes (1-based) taken.
const TAKE_MANY = `
local taken = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then taken[#taken + 1] = i end
end
return taken`;
// KEYS: lock keys. ARGV: token, ttl ms (0 = release). Only keys still holding this token are touched.
const RENEW_OR_RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    if ARGV[2] == '0' then redis.call('DEL', key) else redis.call('PEXPIRE', key, ARGV[2]) end
  end
end
return 1`;

export type RedisLocks = TaskLocks & RecordLocks & { close(): Promise<void> };

export type RedisLocksOptions = {
  url: string;
  prefix?: string;
  /** A running task's lock; renewed every third of it while the task runs. */
  taskLockMs?: number;
};

export async function openRedisLocks(options: RedisLocksOptions): Promise<RedisLocks> {
  const prefix = options.prefix ?? "lead-score:lock:";
  const taskLockMs = options.taskLockMs ?? 60_000;
  const redis = await connectRedis(options.url);
  const token = randomUUID();
  const recordKey = (key: string) => `${prefix}record:${key}`;
  const renewOrRelease = (keys: readonly string[], ttlMs: number) =>
    keys.length === 0 ? Promise.resolve() : redis.eval(RENEW_OR_RELEASE, keys.length, ...keys, token, ttlMs);

  return {
    async runAlone(name, minGapMs, task) {
      const running = `${prefix}task:${name}:running`;
      const taken = await redis.eval(
        TAKE_TASK,
        2,
        running,
        `${prefix}task:${name}:last`,
        token,
        taskLockMs,
        minGapMs,
      );
      if (taken !== 1) return false;
      const renew = setInterval(
        () => void renewOrRelease([running], taskLockMs).catch(() => undefined),
        taskLockMs / 3,
      );
      renew.unref();
      try {
        await task();
        return true;
      } finally {
        clearInterval(renew);
        await renewOrRelease([running], 0);
      }
    },
    async take(keys, ttlMs) {
      if (keys.length === 0) return [];
      const taken = (await redis.eval(
        TAKE_MANY,
        keys.length,
        ...keys.map(recordKey),
        token,
        ttlMs,
      )) as number[];
      return taken.map((i) => keys[i - 1] as string);
    },
    release: (keys) => renewOrRelease(keys.map(recordKey), 0).then(() => undefined),
    async close() {
      redis.disconnect();
    },
  };
}
