import { afterEach, describe, expect, it } from "vitest";
import { createPortalPacer } from "../../src/adapters/hubspot-client/portal-pacer.js";
import { standardRetryPolicy } from "../../src/adapters/hubspot-client/retry-policy.js";
import { createRedisSlidingWindow } from "../../src/adapters/rate-window/redis-sliding-window.js";
import type { SharedRateWindow } from "../../src/ports/shared-rate-window.js";
import { useRedisServer } from "./support/start-redis.js";

// docs/decisions.md §Shared rate window: with REDIS_URL, app instances share each portal's HubSpot budget
// through one sliding window in Redis. Every window here has a connection of its own, as an app instance
// would, and time is real: the window reads Redis's clock, which no fake timer moves.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
/**
 * How long a Redis reply may travel before the call it allowed starts. On an idle loopback it is
 * under a millisecond; CI shares 2 cores with other work, where 50 ms was seen to be too tight.
 * Every assertion using it still fails by hundreds of milliseconds if the window were not shared.
 */
const REPLY_SLACK_MS = 250;

/** The most instants that fall in any half-open span [t, t + spanMs). */
function maxInSpan(instants: number[], spanMs: number): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] ?? 0) - (sorted[j] ?? 0) >= spanMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/** A 429 as the SDK throws it (an ApiException's code and headers). */
const rateLimited = (retryAfterSec: number) =>
  Object.assign(new Error("HTTP-Code: 429"), {
    code: 429,
    body: { status: "error", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" },
    headers: { "retry-after": String(retryAfterSec) },
  });

describe("the Redis sliding window shared by app instances", { timeout: 30_000 }, () => {
  const server = useRedisServer();
  const opened: SharedRateWindow[] = [];
  const warnings: unknown[] = [];
  const logger = { warn: (fields: unknown) => warnings.push(fields) } as never;
  let prefixes = 0;

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((window) => window.close()));
    expect(warnings).toEqual([]);
    warnings.length = 0;
  });

  /** Windows of "app instances" sharing a fresh key prefix, so tests never share a budget. */
  function openInstances(count: number, keyPrefix = `test-${++prefixes}:`): SharedRateWindow[] {
    const { url } = server();
    return Array.from({ length: count }, () => {
      const window = createRedisSlidingWindow({ url, keyPrefix, logger });
      opened.push(window);
      return window;
    });
  }

  it("lets two instances hammering one key record at most `limit` starts in any window-long span", async () => {
    const limit = 10;
    const windowMs = 1_000;
    const runMs = 2_500;
    const starts: number[] = [];
    let maxRoundTripMs = 0;
    // Three callers per instance that ignore the wait and ask again at once: the most contention.
    const hammer = async (window: SharedRateWindow) => {
      const until = now() + runMs;
      while (now() < until) {
        const askedAt = now();
        const waitMs = await window.take("62515:api", limit, windowMs);
        const answeredAt = now();
        if (waitMs === 0) {
          starts.push(answeredAt);
          maxRoundTripMs = Math.max(maxRoundTripMs, answeredAt - askedAt);
        }
      }
    };
    const instances = openInstances(2);
    await Promise.all(instances.flatMap((window) => [hammer(window), hammer(window), hammer(window)]));

    // Redis recorded each start somewhere between asking and hearing back, so the instants seen here
    // may sit closer together than Redis's by up to one round trip: the span is shortened by that.
    expect(maxInSpan(starts, windowMs - maxRoundTripMs)).toBeLessThanOrEqual(limit);
    // Full use of the budget: the windows opening at 0, 1 and 2 s each fill up.
    expect(starts.length).toBeGreaterThanOrEqual(2 * limit + 1);
    expect(starts.length).toBeLessThanOrEqual(3 * limit);
  });

  it("makes a pause from one instance hold back the other's take for the rest of the pause", async () => {
    const [first, second] = openInstances(2) as [SharedRateWindow, SharedRateWindow];
    const pausedAt = now();
    await first.pause("62515:api", 500);
    const waitMs = await second.take("62515:api", 2, 10_000);
    // PTTL rounds down to whole milliseconds, hence the 1 ms.
    expect(waitMs).toBeGreaterThanOrEqual(500 - (now() - pausedAt) - 1);
    expect(waitMs).toBeLessThanOrEqual(500);

    await second.pause("62515:api", 10);
    expect(await first.take("62515:api", 2, 10_000)).toBeGreaterThan(400);

    await sleep(waitMs);
    // The takes refused during the pause recorded nothing: the whole budget of 2 is still there.
    expect(await second.take("62515:api", 2, 10_000)).toBe(0);
    expect(await first.take("62515:api", 2, 10_000)).toBe(0);
    expect(await second.take("62515:api", 2, 10_000)).toBeGreaterThan(9_000);
  });

  it("keeps apart the budgets and pauses of other portals, other lanes and other key prefixes", async () => {
    const [first, second] = openInstances(2) as [SharedRateWindow, SharedRateWindow];
    expect(await first.take("1:api", 2, 10_000)).toBe(0);
    expect(await second.take("1:api", 2, 10_000)).toBe(0);
    expect(await first.take("1:api", 2, 10_000)).toBeGreaterThan(9_000);
    await second.pause("1:search", 5_000);

    expect(await second.take("2:api", 2, 10_000)).toBe(0);
    expect(await first.take("1:search", 2, 10_000)).toBeGreaterThan(4_000);
    expect(await first.take("2:search", 2, 10_000)).toBe(0);
    const [elsewhere] = openInstances(1, "another-app:") as [SharedRateWindow];
    expect(await elsewhere.take("1:api", 2, 10_000)).toBe(0);
  });

  /** An app instance's pacer for portal 62515, drawing on the shared window. */
  function createInstancePacer(
    window: SharedRateWindow,
    { searchPerSecond, onRateLimited }: { searchPerSecond: number; onRateLimited?: () => void },
  ) {
    return createPortalPacer({
      portalId: "62515",
      ratePer10s: 110,
      searchPerSecond,
      policy: standardRetryPolicy,
      sleep,
      random: Math.random,
      logger: { warn: () => {} } as never,
      sharedRateWindow: window,
      ...(onRateLimited ? { onRateLimited } : {}),
    });
  }

  it("keeps two instances' pacers within one combined budget for a portal's lane", async () => {
    const windows = openInstances(2);
    const starts: number[] = [];
    const callsEach = 15;
    await Promise.all(
      windows.map((window) => {
        const pacer = createInstancePacer(window, { searchPerSecond: 10 });
        return Promise.all(
          Array.from({ length: callsEach }, () =>
            pacer.run("search", "search contacts", async () => {
              starts.push(now());
            }),
          ),
        );
      }),
    );

    expect(starts).toHaveLength(2 * callsEach);
    // A call starts a reply's travel after Redis recorded it: the span is shortened by REPLY_SLACK_MS.
    expect(maxInSpan(starts, 1_000 - REPLY_SLACK_MS)).toBeLessThanOrEqual(10);
    // 30 calls at 10 per rolling second: the last ten wait for the third second. Two pacers each
    // keeping its own budget would be done within one.
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThanOrEqual(2_000 - REPLY_SLACK_MS);
  });

  it("holds back another instance's calls for Retry-After when one instance meets a 429", async () => {
    const [hitWindow, otherWindow] = openInstances(2) as [SharedRateWindow, SharedRateWindow];
    let rateLimitedCount = 0;
    const hitPacer = createInstancePacer(hitWindow, {
      searchPerSecond: 50,
      onRateLimited: () => {
        rateLimitedCount += 1;
      },
    });
    const otherPacer = createInstancePacer(otherWindow, { searchPerSecond: 50 });
    let hitAt: number | undefined;
    let retriedAt: number | undefined;
    let hitDone = false;
    const otherStarts: number[] = [];

    const hit = hitPacer
      .run("search", "search contacts", async () => {
        if (hitAt !== undefined) {
          retriedAt = now();
          return;
        }
        hitAt = now();
        throw rateLimited(1);
      })
      .finally(() => {
        hitDone = true;
      });
    // At most 40 calls a second against a budget of 50: only the pause can make a long gap.
    const other = (async () => {
      while (!hitDone) {
        await otherPacer.run("search", "search contacts", async () => {
          otherStarts.push(now());
        });
        await sleep(25);
      }
    })();
    await Promise.all([hit, other]);

    const [at429, atRetry] = [hitAt, retriedAt];
    if (at429 === undefined || atRetry === undefined) throw new Error("the 429 and its retry never ran");
    expect(rateLimitedCount).toBe(1);
    expect(atRetry - at429).toBeGreaterThanOrEqual(1_000 - 1);
    // The pause reaches Redis a round trip after the 429.
    expect(otherStarts.filter((at) => at > at429 + REPLY_SLACK_MS && at < at429 + 1_000 - 1)).toEqual([]);
    expect(otherStarts.some((at) => at >= at429 + 1_000 - 1)).toBe(true);
  });

  it("fails a call, without sending it or retrying, when the shared window cannot be reached", async () => {
    const [window] = openInstances(1) as [SharedRateWindow];
    await window.close();
    const pacer = createInstancePacer(window, { searchPerSecond: 10 });
    let calls = 0;
    const run = pacer.run("api", "read contacts", async () => {
      calls += 1;
    });
    await expect(run).rejects.toMatchObject({
      code: "internal",
      message: expect.stringContaining("REDIS_URL"),
    });
    expect(calls).toBe(0);
  });
});
