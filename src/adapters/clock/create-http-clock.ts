import type { Clock } from "../../ports/clock.js";

// A clock that follows another server's time (sandbox mode: GET /__sandbox/clock?follow=1,
// docs/decisions.md §Sandbox clock), so advancing the sandbox's clock moves decay and timeframes in the app
// too. now() must stay synchronous, so it is the local clock plus the last offset read; refresh() re-reads
// it, and a timer does so every `refreshEveryMs` (1 s). Until that read the app is behind a move, so the
// sandbox holds the webhooks it signs meanwhile (src/sandbox/clock-followers.ts): they would look "from the
// future" to the verifier. The timer is unref'd: it never keeps the process alive.

export type HttpClockOptions = {
  /** Answers `{ nowMs: number }` to a GET. */
  url: string;
  refreshEveryMs?: number;
  fetch?: typeof fetch;
  localNow?: () => number;
  /** A refresh that fails keeps the last offset; this hears about it. */
  onError?: (error: unknown) => void;
};

export type HttpClock = Clock & {
  /** Reads the remote time now; resolves to the new offset in milliseconds. */
  refresh(): Promise<number>;
  stop(): void;
};

export async function createHttpClock(options: HttpClockOptions): Promise<HttpClock> {
  const get = options.fetch ?? fetch;
  const localNow = options.localNow ?? Date.now;
  let offsetMs = 0;
  let lastMs = Number.NEGATIVE_INFINITY;
  const refresh = async () => {
    const sentAt = localNow();
    const response = await get(options.url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`GET ${options.url} answered ${response.status}`);
    const { nowMs } = (await response.json()) as { nowMs?: unknown };
    if (typeof nowMs !== "number") throw new Error(`GET ${options.url} did not answer { nowMs }`);
    const receivedAt = localNow();
    // The remote read happened somewhere in the round trip: assume its middle (as NTP does).
    offsetMs = nowMs - (sentAt + receivedAt) / 2;
    return offsetMs;
  };
  // The first read must succeed: an app on the wrong time would score wrongly without a word.
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => options.onError?.(error));
  }, options.refreshEveryMs ?? 1_000);
  timer.unref();
  return {
    // A new estimate may be a few ms behind the last (round trips vary): time never runs back.
    now: () => {
      lastMs = Math.max(lastMs, Math.round(localNow() + offsetMs));
      return lastMs;
    },
    refresh,
    stop: () => clearInterval(timer),
  };
}
