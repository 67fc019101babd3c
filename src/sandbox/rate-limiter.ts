// HubSpot's limits for OAuth apps (docs/hubspot.md §Rate limits and batching): 110 requests per rolling 10 seconds
// per installing account, search excluded; search 5 requests per second per token. Windows are
// rolling (a list of start times), read from the sandbox clock so tests move time, not wait.
// Refused requests do not count: a client that waits out Retry-After gets through.

export type Lane = "api" | "search";

export type RateDecision =
  | { allowed: true; limit: number; remaining: number; windowMs: number }
  | {
      allowed: false;
      policyName: "TEN_SECONDLY_ROLLING" | "SECONDLY";
      message: string;
      retryAfterSec: number;
    };

export interface RateLimiter {
  check(lane: Lane, key: string): RateDecision;
}

export interface RateLimiterOptions {
  ratePer10s: number;
  searchPerSecond?: number;
  nowMs: () => number;
}

const policies = {
  api: {
    policyName: "TEN_SECONDLY_ROLLING",
    windowMs: 10_000,
    message: "You have reached your ten_secondly_rolling limit.",
  },
  // The SDK recognises this exact message as the search limit (docs/hubspot.md §SDK retries and pacing).
  search: { policyName: "SECONDLY", windowMs: 1_000, message: "You have reached your secondly limit." },
} as const;

interface Window {
  starts: number[];
  /** Index of the oldest start still inside the window; older ones are dropped in bulk. */
  head: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const windows = new Map<string, Window>();
  const limitOf = (lane: Lane) => (lane === "api" ? options.ratePer10s : (options.searchPerSecond ?? 5));
  return {
    check(lane, key) {
      const policy = policies[lane];
      const limit = limitOf(lane);
      const now = options.nowMs();
      const id = `${lane}:${key}`;
      const window = windows.get(id) ?? { starts: [], head: 0 };
      windows.set(id, window);
      while (window.head < window.starts.length && (window.starts[window.head] ?? 0) <= now - policy.windowMs)
        window.head++;
      if (window.head > 1_024) {
        window.starts = window.starts.slice(window.head);
        window.head = 0;
      }
      const used = window.starts.length - window.head;
      if (used >= limit) {
        const oldest = window.starts[window.head] ?? now;
        const retryAfterSec = Math.max(1, Math.ceil((oldest + policy.windowMs - now) / 1000));
        return { allowed: false, policyName: policy.policyName, message: policy.message, retryAfterSec };
      }
      window.starts.push(now);
      return { allowed: true, limit, remaining: limit - used - 1, windowMs: policy.windowMs };
    },
  };
}
