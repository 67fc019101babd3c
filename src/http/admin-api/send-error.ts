import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "pino";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "../../errors.js";
import { formatIssues } from "../../scoring/format-issues.js";
import { DefinitionError, SnapshotError } from "../../scoring/index.js";

// docs/architecture.md §Errors: the one place where error codes become HTTP statuses.
const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  disconnected: 409,
  too_few_labels: 422,
  no_signal: 422,
  rate_limited: 429,
  upstream_failed: 502,
  internal: 500,
};

type ErrorBody = {
  error: { code: string; message: string; path?: string; problems?: { path: string; message: string }[] };
};

export function sendError(res: Response, status: number, body: ErrorBody): void {
  res.status(status).json(body);
}

/** `{"error": {"code", "message", "path"?}}` with the right status; definition errors name the field path. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof DefinitionError || error instanceof SnapshotError || error instanceof ZodError) {
      const problems = error instanceof ZodError ? formatIssues(error.issues) : error.problems;
      const first = problems[0];
      const message = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join("; ");
      sendError(res, 400, {
        error: { code: "invalid_input", message, ...(first?.path ? { path: first.path } : {}), problems },
      });
      return;
    }
    if (error instanceof AppError) {
      const path = typeof error.details.path === "string" ? error.details.path : undefined;
      sendError(res, statusOf[error.code], {
        error: { code: error.code, message: error.message, ...(path ? { path } : {}) },
      });
      return;
    }
    // express.json: a body that is not JSON, or too large.
    const status = (error as { status?: number; type?: string }).status;
    if (status === 400 || status === 413) {
      sendError(res, status, {
        error: {
          code: "invalid_input",
          message:
            status === 413 ? "request body too large" : `body is not valid JSON: ${(error as Error).message}`,
        },
      });
      return;
    }
    logger.error({ err: error, method: req.method, url: req.originalUrl }, "admin API request failed");
    sendError(res, 500, { error: { code: "internal", message: "internal error; the log has the details" } });
  };
}
