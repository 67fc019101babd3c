import { createHmac } from "node:crypto";
import { decodeSignatureUri } from "./decode-signature-uri.js";

export type WebhookV3Input = {
  clientSecret: string;
  method: string;
  /** The full URL HubSpot called, scheme included: PUBLIC_BASE_URL + path + query. */
  uri: string;
  /** The raw body bytes (or text), exactly as received. */
  body: Buffer | string;
};

/** The 32-byte HMAC behind X-HubSpot-Signature-v3; `timestamp` is the header text as sent. */
export function webhookV3Digest(input: WebhookV3Input, timestamp: string): Buffer {
  // docs/hubspot.md §Webhook signatures (v3) steps 3–4: HMAC-SHA256(secret, method + decoded URI + body + timestamp), UTF-8,
  // no separators. The body goes in as bytes so a non-UTF-8 body is hashed as HubSpot sent it.
  return createHmac("sha256", input.clientSecret)
    .update(input.method + decodeSignatureUri(input.uri))
    .update(input.body)
    .update(timestamp)
    .digest();
}

/** X-HubSpot-Signature-v3 for a request sent at `timestampMs`: base64, as HubSpot computes it. */
export function signWebhookV3(input: WebhookV3Input & { timestampMs: number }): string {
  return webhookV3Digest(input, String(input.timestampMs)).toString("base64");
}
