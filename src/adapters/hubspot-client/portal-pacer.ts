import PQueue from "p-queue";
import type { Logger } from "pino";
import type { AppError } from "../../errors.js";
import type { SharedRateWindow } from "../../ports/shared-rate-window.js";
import { DEFAULT_TIMEOUT_MS, runWithDeadline } from "./call-deadline.js";
import { isRetryable, mapHubSpotError } from "./map-hubspot-error.js";
import { backoffDelayMs, type RetryPolicy } from "./retry-policy.js";
import { createSharedLaneBudget, type SharedLaneBudget } from "./shared-lane-budget.js";

// One pacer per portal (docs/hubspot.md §Rate limits and batching, §SDK retries and pacing): HubSpot limits OAuth apps per installing account,
// 110 requests per rolling 10 s, and CRM search separately at 5/s. p-queue's `strict` mode is a
// sliding window, so no 10 s span ever holds more than `ratePer10s` starts. The SDK's own
// Bottleneck limiter and retry decorator stay off (they ignore Retry-After and are process-wide
// singletons, docs/hubspot.md §SDK retries and pacing), so these queues are the only pacing and retrying that happens.
//
// With a shared window (REDIS_URL, docs/decisions.md §Shared rate window) several app instances pace one
// portal: the window then holds each lane's budget for all of them, and p-queue only bounds this instance's
// concurrency.

export type Lane = "api" | "search";

export interface PortalPacerOptions {
  portalId: string;
  ratePer10s: number;
  /** docs/hubspot.md §Rate limits and batching allows 5/s; we keep one in reserve. */
  searchPerSecond?: number;
  concurrency?: number;
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  logger: Pick<Logger, "warn">;
  /** HUBSPOT_TIMEOUT_MS: each attempt's deadline, from its start to the end of its answer (call-deadline.ts). */
  timeoutMs?: number;
  /** Hears every attempt that passed its deadline (retried or not): the timeout counter of /metrics. */
  onTimeout?: (event: { portalId: string; lane: Lane; operation: string }) => void;
  /**
   * Hears every 429 HubSpot answers (retried or not): the 429 counter of /metrics
   * (docs/decisions.md §Metrics).
   */
  onRateLimited?: (event: { portalId: string; lane: Lane; operation: string }) => void;
  /** Each lane's budget and 429 pauses, shared with every app instance; without it, this process's own. */
  sharedRateWindow?: SharedRateWindow;
}

export interface PortalPacer {
  portalId: string;
  /** `call` gets the attempt's signal, aborted at its deadline; the SDK call hands it to its transport. */
  run<T>(lane: Lane, operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

interface LaneState {
  queue: PQueue;
  /** Pause after a 429 without Retry-After. */
  windowMs: number;
  resumed: Promise<void> | null;
  /** Null: this process paces the lane alone (no shared window). */
  shared: SharedLaneBudget | null;
}

export function createPortalPacer(options: PortalPacerOptions): PortalPacer {
  const { policy, sleep, logger, portalId, sharedRateWindow } = options;
  const concurrency = options.concurrency ?? 10;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // `limit` starts per rolling `intervalMs`; the shared window paces when there is one, and a local
  // cap on top would only add waits.
  const lane = (name: Lane, limit: number, intervalMs: number, windowMs: number): LaneState => ({
    queue: sharedRateWindow
      ? new PQueue({ concurrency })
      : new PQueue({ concurrency, intervalCap: limit, interval: intervalMs, strict: true }),
    windowMs,
    resumed: null,
    shared: sharedRateWindow
      ? createSharedLaneBudget({
          window: sharedRateWindow,
          portalId,
          key: `${portalId}:${name}`,
          limit,
          intervalMs,
          sleep,
          logger,
        })
      : null,
  });
  const lanes: Record<Lane, LaneState> = {
    api: lane("api", options.ratePer10s, 10_000, policy.rateWindowMs),
    search: lane("search", options.searchPerSecond ?? 4, 1_000, policy.searchWindowMs),
  };

  // A 429 stops the whole lane, not just the request that got it: every other queued request
  // would meet the same limit. Concurrent 429s share one pause.
  function pauseLane(lane: LaneState, ms: number): Promise<void> {
    if (lane.resumed) return lane.resumed;
    lane.queue.pause();
    lane.resumed = sleep(ms).finally(() => {
      lane.resumed = null;
      lane.queue.start();
    });
    return lane.resumed;
  }

  async function retryDelay(lane: LaneState, error: AppError, attempt: number, operation: string) {
    const retryAfterSec = error.details.retryAfterSec;
    if (error.code === "rate_limited") {
      const pauseMs = typeof retryAfterSec === "number" ? retryAfterSec * 1000 : lane.windowMs;
      logger.warn({ portalId, operation, pauseMs, attempt }, "HubSpot rate limit hit: pausing this portal");
      // Paused here first, at once; the other instances hear of it a Redis round trip later.
      const resumed = pauseLane(lane, pauseMs);
      await lane.shared?.pause(pauseMs, operation);
      await resumed;
      return;
    }
    const delayMs = backoffDelayMs(attempt, policy, options.random);
    logger.warn(
      { portalId, operation, delayMs, attempt, status: error.details.status },
      "HubSpot call failed: retrying",
    );
    await sleep(delayMs);
  }

  return {
    portalId,
    async run<T>(laneName: Lane, operation: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const lane = lanes[laneName];
      const shared = lane.shared;
      // The deadline starts with the request, not while it waits its turn in the queue. A timed-out
      // call is retried like a 5xx: the portal may have recovered (mapHubSpotError, isRetryable).
      const send = () => runWithDeadline(timeoutMs, operation, call);
      // The slot is taken inside the queued task, right before the request: taken while the task
      // still waited in the queue, it would be recorded before the real start and let starts bunch.
      const start = shared
        ? async () => {
            await shared.takeSlot(operation);
            return send();
          }
        : send;
      for (let attempt = 1; ; attempt++) {
        try {
          return await lane.queue.add(start);
        } catch (raw) {
          const error = mapHubSpotError(raw, portalId, operation);
          if (error.code === "rate_limited") options.onRateLimited?.({ portalId, lane: laneName, operation });
          if (error.details.reason === "timeout")
            options.onTimeout?.({ portalId, lane: laneName, operation });
          if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
          await retryDelay(lane, error, attempt, operation);
        }
      }
    },
  };
}
