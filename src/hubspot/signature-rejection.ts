import { AppError } from "../errors.js";

// One reason per check, so the 401 body and the log say which check failed ("a distinct
// status for each rejection", octokit/webhooks-methods). Messages never carry the secret or a digest.

export type SignatureRejection =
  | "missing_signature"
  | "missing_timestamp"
  | "malformed_signature"
  | "timestamp_not_numeric"
  | "stale_timestamp"
  | "future_timestamp"
  | "mismatch";

const MESSAGES: Record<SignatureRejection, string> = {
  missing_signature: "the request has no HubSpot signature header",
  missing_timestamp: "the request has no X-HubSpot-Request-Timestamp header",
  malformed_signature: "the HubSpot signature header is not a well-formed digest",
  timestamp_not_numeric: "X-HubSpot-Request-Timestamp is not a number of milliseconds",
  stale_timestamp: "X-HubSpot-Request-Timestamp is more than 5 minutes old",
  future_timestamp:
    "X-HubSpot-Request-Timestamp is more than 1 minute in the future (check the server clock)",
  mismatch: "the HubSpot signature does not match (wrong client secret, URL or body)",
};

/** AppError("unauthorized", { reason }): what `verifyWebhook*` throws. */
export function signatureRejected(
  reason: SignatureRejection,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError("unauthorized", MESSAGES[reason], { reason, ...details });
}
