// The scopes of docs/decisions.md §Scopes, also written in app.json (a test keeps the two equal).
// Subscribing to an object's webhooks needs its read scope (docs/hubspot.md §Webhook subscriptions); creating score
// properties needs crm.schemas.*.write and writing them crm.objects.*.write (docs/hubspot.md §Score properties);
// callbacks/complete likely needs `automation` (docs/hubspot.md §Workflow action callbacks, UNCONFIRMED).
export const REQUIRED_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.companies.read",
  "crm.objects.companies.write",
  "crm.objects.deals.read",
  "crm.objects.deals.write",
  "crm.schemas.contacts.write",
  "crm.schemas.companies.write",
  "crm.schemas.deals.write",
  "crm.lists.read",
  "automation",
] as const;

/**
 * Scopes a portal may decline: each unlocks event types (docs/decisions.md §Sources status); without one,
 * its events are left out of scores and the score says so. Sales email content (docs/hubspot.md §Engagement objects);
 * tickets (docs/hubspot.md §Tickets); the marketing email events log and email campaigns (`content`, Marketing or
 * CMS Hub Professional and up, docs/hubspot.md §Marketing email events); forms and their submissions (`forms`,
 * docs/hubspot.md §Form submissions; docs/decisions.md §Portal-wide feeds).
 */
export const OPTIONAL_SCOPES = ["sales-email-read", "tickets", "content", "forms"] as const;
export type OptionalScope = (typeof OPTIONAL_SCOPES)[number];

/** What each optional scope unlocks, in words for the install page and the sources status. */
export const OPTIONAL_SCOPE_UNLOCKS: Record<OptionalScope, string> = {
  "sales-email-read": "sales email events (event type email)",
  tickets: "support ticket events (event type ticket)",
  content: "marketing email events (event types marketing_email_*)",
  forms: "form submissions (event type form_submission)",
};
