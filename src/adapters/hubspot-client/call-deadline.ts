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

/** A token call past HUBSPOT_TIMEOUT_MS: worth another try later, like a 5xx (map-hubspot-error.ts). */
export function tokenCallTimedOut(path: string, error: HubSpotTimeoutError): AppError {
  return new AppError("upstream_failed", `HubSpot gave ${path} ${error.message} (HUBSPOT_TIMEOUT_MS)`, {
    status: null,
    path,
    reason: "timeout",
    retryable: true,
  });
}
