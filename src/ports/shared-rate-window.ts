// A rate budget several app instances draw on together (docs/decisions.md §Shared rate window: with
// REDIS_URL, each portal's HubSpot budget is shared by every instance). HubSpot counts requests per
// installing account over a rolling window (docs/hubspot.md §Rate limits and batching), so the budget is a sliding window of start
// instants, not a counter reset on the clock.

export interface SharedRateWindow {
  /**
   * Records a start under `key` when fewer than `limit` starts were recorded in the last `windowMs`,
   * and resolves 0. Otherwise records nothing and resolves the milliseconds to wait before asking
   * again: until the oldest start leaves the window, or until a pause on `key` ends.
   */
  take(key: string, limit: number, windowMs: number): Promise<number>;
  /** Holds back every instance's `take` on `key` for `ms`; a longer pause already running stands. */
  pause(key: string, ms: number): Promise<void>;
  close(): Promise<void>;
}
