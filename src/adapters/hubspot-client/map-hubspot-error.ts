import { AppError, type ErrorCode } from "../../errors.js";
import { HubSpotTimeoutError } from "./call-deadline.js";

// The SDK throws ApiException {code, body, headers} for any non-2xx answer (docs/hubspot.md §Sources,
// codegen/*/apis/exception.ts); node-fetch throws FetchError for network failures. Both become
// an AppError carrying the status and HubSpot's correlation id, which HubSpot support asks for.

export interface HubSpotErrorDetails {
  portalId: string;
  operation: string;
  /** HTTP status; null for network failures. */
  status: number | null;
  correlationId: string | null;
  category: string | null;
  hubspotMessage: string | null;
  /** From the Retry-After header, when HubSpot sent one. */
  retryAfterSec: number | null;
  /** "timeout": no answer within HUBSPOT_TIMEOUT_MS (call-deadline.ts); absent otherwise. */
  reason?: "timeout";
  /**
   * Whether trying again later can succeed (429, 5xx, network failures, timeouts): a job that meets
   * such an error after the door's own retries waits and resumes instead of failing (job-runner.ts).
   */
  retryable: boolean;
}

interface ApiExceptionLike {
  code: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function isApiExceptionLike(error: unknown): error is ApiExceptionLike {
  return (
    typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "number"
  );
}

function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return "invalid_input";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  return "upstream_failed";
}

function field(body: unknown, name: string): string | null {
  if (typeof body !== "object" || body === null) return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : null;
}

function parseRetryAfterSec(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

export function mapHubSpotError(error: unknown, portalId: string, operation: string): AppError {
  if (error instanceof AppError) return error;
  if (!isApiExceptionLike(error)) {
    const timedOut = error instanceof HubSpotTimeoutError;
    const message = error instanceof Error ? error.message : String(error);
    const details: HubSpotErrorDetails = {
      portalId,
      operation,
      status: null,
      correlationId: null,
      category: null,
      hubspotMessage: message,
      retryAfterSec: null,
      retryable: true,
      ...(timedOut ? { reason: "timeout" as const } : {}),
    };
    const what = timedOut ? `timed out: ${message} (HUBSPOT_TIMEOUT_MS)` : `failed: ${message}`;
    return new AppError("upstream_failed", `HubSpot ${operation} for portal ${portalId} ${what}`, {
      ...details,
    });
  }
  const headers = error.headers ?? {};
  const details: HubSpotErrorDetails = {
    portalId,
    operation,
    status: error.code,
    correlationId: field(error.body, "correlationId") ?? headers["x-hubspot-correlation-id"] ?? null,
    category: field(error.body, "category"),
    hubspotMessage: field(error.body, "message") ?? (typeof error.body === "string" ? error.body : null),
    retryAfterSec: parseRetryAfterSec(headers["retry-after"]),
    retryable: error.code === 429 || error.code >= 500,
  };
  const message =
    `HubSpot ${operation} for portal ${portalId} answered ${error.code}` +
    (details.hubspotMessage ? `: ${details.hubspotMessage}` : "") +
    (details.correlationId ? ` (correlation id ${details.correlationId})` : "");
  return new AppError(codeForStatus(error.code), message, { ...details });
}

/** docs/hubspot.md §Rate limits and batching: 429 and 5xx (and network failures) are worth another try; other 4xx never. */
export function isRetryable(error: AppError): boolean {
  const status = error.details.status;
  if (error.code === "rate_limited") return true;
  if (status === null && error.code === "upstream_failed") return true;
  return typeof status === "number" && status >= 500;
}
