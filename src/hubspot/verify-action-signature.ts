import { verifyWebhookV2 } from "./verify-webhook-v1-v2.js";
import { verifyWebhookV3 } from "./verify-webhook-v3.js";

export type ActionSignatureInput = {
  clientSecret: string;
  method: string;
  uri: string;
  body: Buffer;
  headers: { v3?: string | undefined; timestamp?: string | undefined; v2?: string | undefined };
  nowMs: number;
};

/**
 * docs/hubspot.md §Workflow action signatures: workflow-action calls are documented as v2; v3 headers may come too. Verify v3
 * when its headers are present (it carries a timestamp, so a replay older than 5 minutes fails),
 * else v2. Throws AppError("unauthorized", { reason }).
 */
export function verifyActionSignature(input: ActionSignatureInput): void {
  const { headers, ...request } = input;
  if (headers.v3 !== undefined || headers.timestamp !== undefined) {
    verifyWebhookV3({ ...request, signature: headers.v3, timestamp: headers.timestamp });
    return;
  }
  verifyWebhookV2({ ...request, signature: headers.v2 });
}
