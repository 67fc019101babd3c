import { isWellFormedWebhookBatch } from "./is-well-formed-webhook-batch.js";
import { normalizeWebhookEvent } from "./normalize-webhook-event.js";
import { parseWebhookBatch } from "./parse-webhook-batch.js";
import type { WebhookEvent } from "./webhook-event.js";

/** parseWebhookBatch's events or error for any input, without zod's cost when the batch is well formed. */
export function parseWebhookBatchFast(input: unknown): WebhookEvent[] {
  return isWellFormedWebhookBatch(input) ? input.map(normalizeWebhookEvent) : parseWebhookBatch(input);
}
