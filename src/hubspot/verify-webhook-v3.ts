import { isSameDigest } from "./is-same-digest.js";
import { type WebhookV3Input, webhookV3Digest } from "./sign-webhook-v3.js";
import { signatureRejected } from "./signature-rejection.js";

/** docs/hubspot.md §Webhook signatures (v3) step 1: 5 minutes, the docs' and the SDK's MAX_ALLOWED_TIMESTAMP. */
export const V3_MAX_AGE_MS = 5 * 60 * 1000;
/** Beyond the docs (docs/hubspot.md §Webhook signatures (v3) step 1): a request from the future is a replay or a broken clock. */
export const V3_MAX_AHEAD_MS = 60 * 1000;

export type VerifyWebhookV3Input = WebhookV3Input & {
  /** X-HubSpot-Signature-v3, undefined when absent. */
  signature: string | undefined;
  /** X-HubSpot-Request-Timestamp as sent, undefined when absent. */
  timestamp: string | undefined;
  nowMs: number;
};

// A base64 SHA-256 digest: 32 bytes → 43 characters and one `=`.
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;
const DIGITS = /^\d{1,16}$/;

/** Throws AppError("unauthorized", { reason }) naming the first check that failed; returns when valid. */
export function verifyWebhookV3(input: VerifyWebhookV3Input): void {
  const { signature, timestamp, nowMs } = input;
  if (!signature) throw signatureRejected("missing_signature");
  if (!timestamp) throw signatureRejected("missing_timestamp");
  if (!BASE64_DIGEST.test(signature)) throw signatureRejected("malformed_signature");
  // The SDK lets a NaN timestamp skip the age check (docs/hubspot.md §SDK signature helper); we insist on plain digits.
  if (!DIGITS.test(timestamp)) throw signatureRejected("timestamp_not_numeric");
  const ageMs = nowMs - Number(timestamp);
  if (ageMs > V3_MAX_AGE_MS) throw signatureRejected("stale_timestamp", { ageMs });
  if (-ageMs > V3_MAX_AHEAD_MS) throw signatureRejected("future_timestamp", { aheadMs: -ageMs });
  const given = Buffer.from(signature, "base64");
  if (!isSameDigest(given, webhookV3Digest(input, timestamp))) throw signatureRejected("mismatch");
}
