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
 * Email engagement content (HUBSPOT.md §5.3); the marketing email events log and email campaigns
 * (`content`, Marketing or CMS Hub Professional and up, HUBSPOT.md §10.1); forms and their submissions
 * (`forms`, HUBSPOT.md §10.2). Without one, its events are left out of scores and the sources status
 * says why (docs/decisions.md §Portal-wide feeds).
 */
export const OPTIONAL_SCOPES = ["sales-email-read", "content", "forms"] as const;
