// The scopes of docs/decisions.md §Scopes, also written in app.json (a test keeps the two equal).
// Subscribing to an object's webhooks needs its read scope (HUBSPOT.md §1.3); creating score
// properties needs crm.schemas.*.write and writing them crm.objects.*.write (HUBSPOT.md §6);
// callbacks/complete likely needs `automation` (HUBSPOT.md §2.4, UNCONFIRMED).
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
 * its events are left out of scores and the score says so. Sales email content (HUBSPOT.md §5.3); the
 * marketing email events log and email campaigns (`content`, Marketing or CMS Hub Professional and up,
 * HUBSPOT.md §10.1); forms and their submissions (`forms`, HUBSPOT.md §10.2); tickets (HUBSPOT.md §10.4).
 */
export const OPTIONAL_SCOPES = ["sales-email-read", "content", "forms", "tickets"] as const;
export type OptionalScope = (typeof OPTIONAL_SCOPES)[number];

/** What each optional scope unlocks, in words for the install page and the sources status. */
export const OPTIONAL_SCOPE_UNLOCKS: Record<OptionalScope, string> = {
  "sales-email-read": "sales email events (event type email)",
  content: "marketing email events (event types marketing_email_*)",
  forms: "form submissions (event type form_submission)",
  tickets: "support ticket events (event type ticket)",
};
