// Retry policies named by behaviour (after @slack/web-api): a standard one for HubSpot
// and a rapid one for tests. Backoff is exponential with "equal jitter" so that portals retrying
// after the same outage do not hit HubSpot in lock-step.

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Pause after a 429 without Retry-After: the 10-second rolling window (docs/hubspot.md §Rate limits and batching). */
  rateWindowMs: number;
  /** The same for CRM search, limited per second (docs/hubspot.md §Rate limits and batching). */
  searchWindowMs: number;
}

export const standardRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  rateWindowMs: 10_000,
  searchWindowMs: 1_000,
};

/** Same decisions, tiny delays: for tests that inject a recording sleep. */
export const rapidRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1,
  maxDelayMs: 10,
  rateWindowMs: 10_000,
  searchWindowMs: 1_000,
};

/** Delay before retry number `retry` (1 = first retry): half fixed, half random. */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
