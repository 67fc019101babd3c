// The portal-wide feeds of the door (docs/hubspot.md §Marketing email events, §Form submissions): the marketing email events log, email
// campaigns, forms and their submissions, and contacts found by email. Our own narrow types: the
// legacy v1 endpoints have no typed SDK API, so nothing of HubSpot's wire shapes passes the door.
// A portal without the `content` or `forms` scope (or its tier) gets AppError code "forbidden".

/** The email event types HubSpot logs (docs/hubspot.md §Marketing email events); any other type string is kept as sent. */
export type MarketingEmailEventType =
  | "SENT"
  | "DROPPED"
  | "PROCESSED"
  | "DELIVERED"
  | "DEFERRED"
  | "BOUNCE"
  | "OPEN"
  | "CLICK"
  | "PRINT"
  | "FORWARD"
  | "STATUSCHANGE"
  | "SPAMREPORT"
  | "UNBOUNCE"
  | "UNSUBSCRIBED"
  | (string & {});

/** One event of the email events log. Its identity is `(id, created)` (docs/hubspot.md §Marketing email events). */
export interface MarketingEmailEvent {
  id: string;
  /** Epoch milliseconds: when the event happened. */
  created: number;
  type: MarketingEmailEventType;
  /** The address as HubSpot logged it (not lower-cased here). */
  recipient: string;
  /** The email campaign id (an integer in HubSpot's answer, a string here); null when absent. */
  emailCampaignId: string | null;
  /** A click's link; null for other types, or when HubSpot did not send one (UNCONFIRMED, docs/hubspot.md §Unconfirmed facts). */
  url: string | null;
  /** STATUSCHANGE only: the subscription change, e.g. "UNSUBSCRIBED"; null otherwise. */
  subscriptionChange: string | null;
}

export interface MarketingEmailEventQuery {
  /** Inclusive, epoch milliseconds ("at or after"). */
  startMs: number;
  /** Inclusive, epoch milliseconds ("at or before"). */
  endMs: number;
  /** Only the events of this address. */
  recipient?: string;
  /** Events per page, 1–1000; 1000 when absent. */
  limit?: number;
}

export interface MarketingEmailEventPage {
  /** Newest first, as HubSpot answers them. */
  events: MarketingEmailEvent[];
  /** The opaque token of the next page, valid only with the same query; null on the last page. */
  offset: string | null;
}

export interface EmailCampaign {
  id: string;
  name: string;
  subject: string;
}

export interface CrmForm {
  /** The form's GUID. */
  id: string;
  name: string;
}

export interface CrmFormPage {
  forms: CrmForm[];
  after: string | null;
}

export interface FormSubmission {
  conversionId: string;
  /** Epoch milliseconds. */
  submittedAt: number;
  pageUrl: string | null;
  /** The submitted `email` field, when the form had one: the only link to a contact (docs/hubspot.md §Form submissions). */
  email: string | null;
}

export interface FormSubmissionPage {
  /** Newest first, as HubSpot answers them. */
  submissions: FormSubmission[];
  after: string | null;
}

export interface CrmFeeds {
  /** One page of the email events log (`GET /email/public/v1/events`, scope `content`). */
  readMarketingEmailEvents(
    query: MarketingEmailEventQuery,
    offset: string | null,
  ): Promise<MarketingEmailEventPage>;
  /** An email campaign's name and subject, cached per portal; null when HubSpot knows no such id. */
  readEmailCampaign(campaignId: string): Promise<EmailCampaign | null>;
  /** One page of the portal's forms (`GET /marketing/v3/forms`, scope `forms`). */
  listForms(after: string | null): Promise<CrmFormPage>;
  /** One page of a form's submissions, newest first; limit 1–50 (50 when absent). */
  readFormSubmissions(formId: string, after: string | null, limit?: number): Promise<FormSubmissionPage>;
  /**
   * Contacts whose email is one of these (objects batch read with `idProperty: "email"`, 100 a call),
   * keyed by the lower-cased address; an address no contact has is absent, one several contacts
   * answer for maps to all of them.
   */
  findContactIdsByEmail(emails: readonly string[]): Promise<Map<string, string[]>>;
}
