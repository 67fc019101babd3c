// docs/architecture.md §Errors: a small coded hierarchy; HTTP status mapping lives at the edge (src/http/).

export type ErrorCode =
  | "invalid_input"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "upstream_failed"
  | "disconnected"
  /** A suggested score found too few labelled records (docs/scoring.md §Suggested scores). */
  | "too_few_labels"
  /** Enough labelled records, but no feature of them predicts the conversion (docs/scoring.md §Suggested scores). */
  | "no_signal"
  | "internal";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}
