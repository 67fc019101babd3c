import { randomUUID } from "node:crypto";
import type { ErrorRequestHandler, Response } from "express";

// HubSpot's error body (docs/hubspot.md §Rate limits and batching and test/fixtures' real-shaped payloads):
// {status: "error", message, correlationId, category, ...}, with the correlation id also in the
// x-hubspot-correlation-id header. Handlers throw HubSpotError; one handler writes every body.

export class HubSpotError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HubSpotError";
  }
}

export function sendHubSpotError(res: Response, error: HubSpotError): void {
  const correlationId = randomUUID();
  res.set({ "x-hubspot-correlation-id": correlationId, ...error.headers });
  res.status(error.status).json({
    status: "error",
    message: error.message,
    correlationId,
    category: error.category,
    ...error.extra,
  });
}

export const validationError = (message: string, extra: Record<string, unknown> = {}) =>
  new HubSpotError(400, "VALIDATION_ERROR", message, extra);

/** The batch-size refusal; wording after HubSpot's "The maximum number of inputs supported in a batch request…" answers. */
export const batchTooLarge = (limit: number, got: number) =>
  validationError(
    `The maximum number of inputs supported in a batch request is ${limit}. Please reduce the number of items (${got}) and try again.`,
  );

export const handleHubSpotErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof HubSpotError) return sendHubSpotError(res, error);
  // express.json() raises a SyntaxError with status 400 for a body that is not JSON.
  if (error instanceof SyntaxError || (error as { type?: string }).type === "entity.parse.failed")
    return sendHubSpotError(res, validationError(`Invalid input JSON: ${(error as Error).message}`));
  sendHubSpotError(res, new HubSpotError(500, "INTERNAL_ERROR", `internal error: ${String(error)}`));
};
