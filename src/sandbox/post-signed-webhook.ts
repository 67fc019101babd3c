// One of the two files of src/sandbox that import app code (with card-view-route.ts), and only pure
// protocol: HubSpot signs its deliveries, so the sandbox signs them with the same algorithm (docs/hubspot.md §Webhook signatures (v3)).
import { signWebhookV3 } from "../hubspot/sign-webhook-v3.js";

/** HubSpot counts a delivery slower than 5 seconds as failed and retries it (docs/hubspot.md §Webhook delivery). */
export const DELIVERY_TIMEOUT_MS = 5_000;

export interface SignedWebhookPost {
  url: string;
  body: string;
  clientSecret: string;
  /** X-HubSpot-Request-Timestamp: the sender's now, milliseconds. */
  timestampMs: number;
  fetch?: typeof fetch;
}

export type DeliveryFailure = { status?: number; error?: string };

/** POSTs one batch with HubSpot's v3 headers; null when answered 2xx, else why it failed. */
export async function postSignedWebhook(post: SignedWebhookPost): Promise<DeliveryFailure | null> {
  const { url, body, timestampMs } = post;
  const signature = signWebhookV3({
    clientSecret: post.clientSecret,
    method: "POST",
    uri: url,
    body,
    timestampMs,
  });
  try {
    const response = await (post.fetch ?? fetch)(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hubspot-signature-v3": signature,
        "x-hubspot-request-timestamp": String(timestampMs),
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.ok ? null : { status: response.status };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
