// HubSpot retries a failed webhook delivery up to 10 times "with varying delays and jitter", spread
// over 24 hours (docs/hubspot.md §Webhook delivery). A development portal should give up within minutes instead, so
// the delays double from a second, with the same kind of jitter.

export interface RetryDelaySettings {
  /** The first retry's delay before jitter; 1 s unless given. */
  baseMs?: number | undefined;
  /** No delay is longer, before jitter; 1 h unless given. */
  maxMs?: number | undefined;
}

/** Delay before retry n (1, 2, ...): baseMs · 2^(n-1), capped at maxMs, times a jitter in [0.5, 1). */
export function retryDelayMs(retry: number, settings: RetryDelaySettings, random: () => number): number {
  const delayMs = Math.min(settings.maxMs ?? 3_600_000, (settings.baseMs ?? 1_000) * 2 ** (retry - 1));
  return delayMs * (0.5 + random() / 2);
}
