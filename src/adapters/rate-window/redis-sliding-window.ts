import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { SharedRateWindow } from "../../ports/shared-rate-window.js";

// Hand-written rather than taken from a library: BullMQ's limiter and rate-limiter-flexible's Redis
// limiters count in fixed windows, but HubSpot's limit is a rolling one (docs/hubspot.md §Rate limits and batching, policy
// TEN_SECONDLY_ROLLING). A fixed window lets a full budget through at the end of one window and
// another at the start of the next: up to twice the limit within one rolling span, which HubSpot
// answers with 429s.
//
// Each operation is ONE Lua script, so checking and recording a start is atomic across instances.
// The scripts read Redis's own TIME, so instances whose clocks disagree still share one timeline;
// Redis 7 replicates a script's effects, not the script, so reading TIME before writing is allowed.

/** KEYS: the window's sorted set of start instants (ms), the pause flag. ARGV: limit, windowMs, member. */
const TAKE = `
local pausedMs = redis.call('PTTL', KEYS[2])
if pausedMs > 0 then return pausedMs end
local time = redis.call('TIME')
-- Whole milliseconds: Lua hands numbers to Redis with 14 significant digits, enough for ms, not us.
local nowMs = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local limit = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
-- A start at t counts until t + windowMs, as in HubSpot's rolling window.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs - windowMs)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], nowMs, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], windowMs)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + windowMs - nowMs)
`;

/** KEYS: the pause flag. ARGV: ms. Only lengthens: a short Retry-After must not cut a long one short. */
const PAUSE = `
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then redis.call('SET', KEYS[1], '1', 'PX', ms) end
return 0
`;

/** What defineCommand adds to the connection at run time. */
type WindowCommands = {
  rateWindowTake(
    setKey: string,
    pauseKey: string,
    limit: number,
    windowMs: number,
    member: string,
  ): Promise<number>;
  rateWindowPause(pauseKey: string, ms: number): Promise<number>;
};

export interface RedisSlidingWindowOptions {
  /** REDIS_URL. The window opens a connection of its own and close() ends it. */
  url: string;
  /** Namespace in a Redis shared with other data; default `lead-score:rate:`. */
  keyPrefix?: string;
  logger: Pick<Logger, "warn">;
}

export function createRedisSlidingWindow(options: RedisSlidingWindowOptions): SharedRateWindow {
  const prefix = options.keyPrefix ?? "lead-score:rate:";
  const redis = new Redis(options.url);
  // Without a listener ioredis prints connection errors to stderr; callers see them as rejected calls.
  redis.on("error", (error: Error) => options.logger.warn({ err: error }, "shared rate window: Redis error"));
  redis.defineCommand("rateWindowTake", { lua: TAKE, numberOfKeys: 2 });
  redis.defineCommand("rateWindowPause", { lua: PAUSE, numberOfKeys: 1 });
  const commands = redis as Redis & WindowCommands;
  // The braces are a hash tag: a key's window and pause flag land in one Redis Cluster slot, as a
  // script touching both requires.
  const windowKey = (key: string) => `${prefix}{${key}}`;
  const pauseKey = (key: string) => `${prefix}{${key}}:pause`;

  return {
    // PEXPIRE takes whole milliseconds; randomUUID keeps two starts in the same millisecond apart.
    take: (key, limit, windowMs) =>
      commands.rateWindowTake(windowKey(key), pauseKey(key), limit, Math.ceil(windowMs), randomUUID()),
    async pause(key, ms) {
      const wholeMs = Math.ceil(ms);
      if (wholeMs > 0) await commands.rateWindowPause(pauseKey(key), wholeMs);
    },
    async close() {
      // ioredis rejects QUIT on an ended connection; closing twice should be harmless.
      if (redis.status !== "end") await redis.quit();
    },
  };
}
