import { readFileSync } from "node:fs";
import {
  parseWebhookSubscriptions,
  type WebhookSubscription,
  WebhookSubscriptionsError,
} from "./parse-webhook-subscriptions.js";

/** The subscriptions of a webhooks component file; a WebhookSubscriptionsError names the file. */
export function loadWebhookSubscriptions(path: string): WebhookSubscription[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new WebhookSubscriptionsError([`${path}: ${(error as Error).message}`]);
  }
  try {
    return parseWebhookSubscriptions(json);
  } catch (error) {
    if (!(error instanceof WebhookSubscriptionsError)) throw error;
    throw new WebhookSubscriptionsError(error.problems.map((problem) => `${path}: ${problem}`));
  }
}
