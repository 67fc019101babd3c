import { isSameDigest } from "./is-same-digest.js";
import {
  type WebhookV1Input,
  type WebhookV2Input,
  webhookV1Digest,
  webhookV2Digest,
} from "./sign-webhook-v1-v2.js";
import { signatureRejected } from "./signature-rejection.js";

// docs/hubspot.md §Webhook signatures (v1 and v2). These schemes carry no timestamp, so a captured request can be replayed: prefer
// v3 whenever its headers are present (docs/hubspot.md §Workflow action signatures).

const HEX_DIGEST = /^[0-9a-fA-F]{64}$/;

function check(signature: string | undefined, expected: () => Buffer): void {
  if (!signature) throw signatureRejected("missing_signature");
  if (!HEX_DIGEST.test(signature)) throw signatureRejected("malformed_signature");
  if (!isSameDigest(Buffer.from(signature, "hex"), expected())) throw signatureRejected("mismatch");
}

/** Throws AppError("unauthorized", { reason }) unless `signature` (X-HubSpot-Signature) is v1-valid. */
export function verifyWebhookV1(input: WebhookV1Input & { signature: string | undefined }): void {
  check(input.signature, () => webhookV1Digest(input));
}

/** Throws AppError("unauthorized", { reason }) unless `signature` (X-HubSpot-Signature) is v2-valid. */
export function verifyWebhookV2(input: WebhookV2Input & { signature: string | undefined }): void {
  check(input.signature, () => webhookV2Digest(input));
}
