import { createHash } from "node:crypto";

// docs/hubspot.md §Webhook signatures (v1 and v2): the older schemes, a plain SHA-256 (not an HMAC) of secret-prefixed text, hex.
// v1 is what the legacy Webhooks API sent; v2 signs workflow-action calls (docs/hubspot.md §Workflow action signatures). Neither decodes
// the URI: v2's "must exactly match the original request".

export type WebhookV1Input = { clientSecret: string; body: Buffer | string };
export type WebhookV2Input = WebhookV1Input & { method: string; uri: string };

export function webhookV1Digest(input: WebhookV1Input): Buffer {
  return createHash("sha256").update(input.clientSecret).update(input.body).digest();
}

export function webhookV2Digest(input: WebhookV2Input): Buffer {
  return createHash("sha256")
    .update(input.clientSecret + input.method + input.uri)
    .update(input.body)
    .digest();
}

/** X-HubSpot-Signature with X-HubSpot-Signature-Version: v1. */
export function signWebhookV1(input: WebhookV1Input): string {
  return webhookV1Digest(input).toString("hex");
}

/** X-HubSpot-Signature with X-HubSpot-Signature-Version: v2. */
export function signWebhookV2(input: WebhookV2Input): string {
  return webhookV2Digest(input).toString("hex");
}
