import { AppError } from "../../errors.js";

// Every HubSpot call has a deadline (HUBSPOT_TIMEOUT_MS), from the moment it is sent (its connect
// included) to the end of its answer's body. The SDK (13.5) takes no timeout and no AbortSignal: its
// node-fetch transport only reads `agent` from the request ([SDK] codegen/*/http/isomorphic-fetch.ts).
// So the deadline is kept here, around the whole call, and the signal handed to the call lets the
// transport tear its connection down (abortable-agent.ts) instead of leaving a socket hung.

/** HUBSPOT_TIMEOUT_MS's default (src/config.ts). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What a call that passed its deadline rejects with; mapHubSpotError turns it into a retryable AppError. */
export class HubSpotTimeoutError extends Error {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "HubSpotTimeoutError";
  }
}

/**
 * Runs `call` with a signal that aborts after `timeoutMs`, and rejects with HubSpotTimeoutError at
 * that moment whether or not the call notices the signal: no caller waits past the deadline.
 */
export function runWithDeadline<T>(
  timeoutMs: number,
  operation: string,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new HubSpotTimeoutError(operation, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    call(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(controller.signal.aborted ? controller.signal.reason : error);
      },
    );
  });
}

/**
 * A token call that got no answer, past HUBSPOT_TIMEOUT_MS or from a network failure: worth another
 * try later, like a 5xx (map-hubspot-error.ts isRetryable); a job meeting it waits (job-wait.ts).
 */
export function tokenCallUnanswered(path: string, error: unknown): AppError {
  const timedOut = error instanceof HubSpotTimeoutError;
  const why = error instanceof Error ? error.message : String(error);
  const message = timedOut
    ? `HubSpot gave ${path} ${why} (HUBSPOT_TIMEOUT_MS)`
    : `HubSpot could not be reached at ${path}: ${why}`;
  return new AppError("upstream_failed", message, {
    status: null,
    path,
    retryable: true,
    ...(timedOut ? { reason: "timeout" } : {}),
  });
}
