import type { CrmForm, EmailCampaign, FormSubmission, MarketingEmailEvent } from "../../ports/crm-feeds.js";
import type { FeedEvent } from "../../ports/feed-event-store.js";
import { emailEventTypeOf, FORM_SUBMISSION_TYPE, UNSUBSCRIBE_TYPE } from "./feed-event-types.js";

// Feed records as the engine's events, with exactly docs/scoring.md §Event types' properties:
// email events carry `campaign` (the email campaign id), `campaign_name`, `email_name`, `subject`,
// and clicks `url`; submissions `form_id`, `form_name`, `page_url`. An email campaign's name is the
// email's name in HubSpot (docs/hubspot.md §Marketing email events: the campaign of the legacy log is one marketing email),
// so `campaign_name` and `email_name` hold the same value (docs/scoring.md §Marketing email events).

/** The snapshot type of an email event, or null for a type no score reads. */
export function snapshotTypeOfEmailEvent(event: MarketingEmailEvent): string | null {
  if (event.subscriptionChange === "UNSUBSCRIBED") return UNSUBSCRIBE_TYPE;
  return emailEventTypeOf[event.type] ?? null;
}

export function buildEmailFeedEvent(
  event: MarketingEmailEvent,
  campaign: EmailCampaign | null,
): FeedEvent | null {
  const type = snapshotTypeOfEmailEvent(event);
  if (type === null) return null;
  const properties: Record<string, string> = {
    campaign: event.emailCampaignId ?? "",
    campaign_name: campaign?.name ?? "",
    email_name: campaign?.name ?? "",
    subject: campaign?.subject ?? "",
  };
  if (type === emailEventTypeOf.CLICK) properties.url = event.url ?? "";
  return {
    key: `${event.id}:${event.created}`,
    type,
    occurredAt: new Date(event.created).toISOString(),
    properties,
  };
}

export function buildFormFeedEvent(submission: FormSubmission, form: CrmForm): FeedEvent {
  return {
    key: submission.conversionId,
    type: FORM_SUBMISSION_TYPE,
    occurredAt: new Date(submission.submittedAt).toISOString(),
    properties: { form_id: form.id, form_name: form.name, page_url: submission.pageUrl ?? "" },
  };
}
