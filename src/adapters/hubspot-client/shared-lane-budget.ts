import type { Logger } from "pino";
import { AppError } from "../../errors.js";
import type { SharedRateWindow } from "../../ports/shared-rate-window.js";

// One portal lane's budget as every app instance sees it (REDIS_URL, docs/decisions.md §Shared rate window):
// the shared window records each start and each 429 pause, so instances together keep within HubSpot's limit.

export interface SharedLaneBudget {
  /** Resolves once the window has recorded this instance's next start on the lane. */
  takeSlot(operation: string): Promise<void>;
  /** Tells every instance about a 429 so they all hold back for `ms`. */
  pause(ms: number, operation: string): Promise<void>;
}

export interface SharedLaneBudgetOptions {
  window: SharedRateWindow;
  portalId: string;
  /** The window's key: the same on every instance for a portal's lane, so they share one budget. */
  key: string;
  /** Starts allowed per `intervalMs`, rolling. */
  limit: number;
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
  logger: Pick<Logger, "warn">;
}

/**
 * The window counts starts over a little more than HubSpot's interval. Once demand exceeds the
 * budget, slots free exactly one interval after the starts they replace, so starts come in the same
 * bursts every interval; a burst that reaches HubSpot a few milliseconds faster than the one before
 * it (another instance, another network path) would fall into the same HubSpot window twice.
 */
const INTERVAL_MARGIN = 1.02;

export function createSharedLaneBudget(options: SharedLaneBudgetOptions): SharedLaneBudget {
  const { window, portalId, key, sleep, logger } = options;
  const intervalMs = Math.ceil(options.intervalMs * INTERVAL_MARGIN);
  return {
    async takeSlot(operation) {
      for (;;) {
        const waitMs = await window.take(key, options.limit, intervalMs).catch((error: unknown) => {
          // Not retried (an AppError passes the pacer's retry loop as it is): without the shared
          // budget this call could overrun HubSpot's limit for every instance, so it fails instead.
          const message = error instanceof Error ? error.message : String(error);
          throw new AppError(
            "internal",
            `pacing ${operation} for portal ${portalId} through the shared rate window failed: ${message}; check REDIS_URL`,
            { portalId, operation },
          );
        });
        if (waitMs === 0) return;
        await sleep(waitMs);
      }
    },
    async pause(ms, operation) {
      // If Redis cannot be told, this instance still pauses (the pacer does): the 429 is handled.
      await window.pause(key, ms).catch((error: unknown) => {
        logger.warn(
          { portalId, operation, err: error },
          "could not share the rate-limit pause: pausing this instance only",
        );
      });
    },
  };
}
