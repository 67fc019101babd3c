import type { SandboxClock } from "./sandbox-clock.js";

// In sandbox mode the app's clock follows this one by reading GET /__sandbox/clock?follow=1 once a
// second (src/adapters/clock/create-http-clock.ts). Between a move of the sandbox clock and the
// app's next read, the app still has the old time and refuses a webhook signed with the new one as
// "from the future" (its v3 rule allows 1 minute ahead, docs/hubspot.md §Webhook signatures (v3)). So the webhook sender
// holds its deliveries while a follower is behind: from a move until a follower's next read, and a
// moment more for that answer to reach it. The sandbox knows its follower only by those reads: a
// portal nobody follows (`npm run sandbox`, the sandbox's own tests) never holds anything.

/** How long after the catching-up read the follower is still taken to be behind: its answer is in flight. */
export const FOLLOWER_SETTLE_MS = 50;
/** A follower still behind this long after the sender first found it so is taken to be gone; delivery resumes. */
export const FOLLOWER_MAX_WAIT_MS = 5_000;

export interface ClockFollowers {
  /** A follower read the time. */
  recordRead(): void;
  /** True while a follower has yet to see the clock's last move. */
  areBehind(): boolean;
}

/** `realNowMs` is the real time (not the sandbox clock's): followers re-read on a real-time timer. */
export function createClockFollowers(
  clock: SandboxClock,
  realNowMs: () => number = Date.now,
): ClockFollowers {
  // The offset the follower last read; null while nobody follows.
  let seenOffsetMs: number | null = null;
  let caughtUpAtMs = Number.NEGATIVE_INFINITY;
  let behindSinceMs: number | null = null;
  return {
    recordRead() {
      const offsetMs = clock.offsetMs();
      if (seenOffsetMs !== null && seenOffsetMs !== offsetMs) caughtUpAtMs = realNowMs();
      seenOffsetMs = offsetMs;
      behindSinceMs = null;
    },
    areBehind() {
      if (seenOffsetMs === null) return false;
      const nowMs = realNowMs();
      if (seenOffsetMs === clock.offsetMs()) return nowMs - caughtUpAtMs < FOLLOWER_SETTLE_MS;
      behindSinceMs ??= nowMs;
      if (nowMs - behindSinceMs < FOLLOWER_MAX_WAIT_MS) return true;
      seenOffsetMs = null;
      return false;
    },
  };
}
