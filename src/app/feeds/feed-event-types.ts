import type { FeedName } from "../../ports/feed-event-store.js";

// The event types the portal-wide feeds produce (docs/scoring.md §Event types) and HubSpot's email
// event types behind them (docs/hubspot.md §Marketing email events). Other email types (SENT, PROCESSED, DEFERRED, DROPPED,
// FORWARD, PRINT, SPAMREPORT, UNBOUNCE) no score can name, so they are not stored.

export const emailEventTypeOf: Readonly<Record<string, string>> = {
  DELIVERED: "marketing_email_delivered",
  OPEN: "marketing_email_open",
  CLICK: "marketing_email_click",
  BOUNCE: "marketing_email_bounce",
};

/** UNSUBSCRIBED, or a STATUSCHANGE that unsubscribes (the door's `subscriptionChange`). */
export const UNSUBSCRIBE_TYPE = "marketing_email_unsubscribe";
export const FORM_SUBMISSION_TYPE = "form_submission";

const feedOf: Readonly<Record<string, FeedName>> = {
  ...Object.fromEntries(Object.values(emailEventTypeOf).map((type) => [type, "email_events" as const])),
  [UNSUBSCRIBE_TYPE]: "email_events",
  [FORM_SUBMISSION_TYPE]: "form_submissions",
};

/** The feed an event rule's type is read from; undefined for CRM engagements and other sources. */
export function feedOfEventType(type: string): FeedName | undefined {
  return feedOf[type];
}
