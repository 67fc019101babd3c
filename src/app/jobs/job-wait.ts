import { AppError } from "../../errors.js";

// A job outlives rate-limit storms and outages (docs/decisions.md §Background jobs): an error the
// door gave up on after its own retries, but that waiting can cure, makes the job wait and resume
// from its saved cursor. Errors waiting cannot cure (a revoked install, a missing scope, a refused
// request) still end it, named by their code.

/** How long a job waits between tries: doubling from 10 s, capped at 5 min, or HubSpot's Retry-After. */
export type JobWaitPolicy = { baseMs: number; maxMs: number };
export const standardJobWaitPolicy: JobWaitPolicy = { baseMs: 10_000, maxMs: 5 * 60_000 };

export type JobWait = { waitMs: number; reason: string };

/** Why a transient error makes a job wait, in words for the admin page; null when waiting cannot help. */
function waitReason(error: unknown): string | null {
  if (!(error instanceof AppError)) return null;
  const { status, reason, retryable } = error.details;
  // The door says so when another try cannot help (e.g. a paging cursor HubSpot repeats).
  if (retryable === false) return null;
  if (error.code === "rate_limited") return "HubSpot's rate limit (429)";
  if (reason === "timeout") return "HubSpot did not answer in time";
  if (error.code !== "upstream_failed") return null;
  if (typeof status === "number" && status >= 500) return `HubSpot answered ${status}`;
  if (status === null || retryable === true) return "HubSpot could not be reached";
  return null;
}

/**
 * The wait before try number `attempt + 1` of a job that failed with `error`, or null when the job
 * should fail. Equal jitter, as the door's backoff, so jobs of portals hit by one outage spread out.
 */
export function jobWaitFor(
  error: unknown,
  attempt: number,
  policy: JobWaitPolicy,
  random: () => number,
): JobWait | null {
  const reason = waitReason(error);
  if (reason === null) return null;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const backoffMs = Math.round(ceiling / 2 + (ceiling / 2) * random());
  const retryAfterSec = (error as AppError).details.retryAfterSec;
  const retryAfterMs = typeof retryAfterSec === "number" ? retryAfterSec * 1000 : 0;
  return { waitMs: Math.max(backoffMs, retryAfterMs), reason };
}
