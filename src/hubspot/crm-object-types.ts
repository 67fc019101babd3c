// The CRM object types lead-score reads or writes, by their plural API names (docs/hubspot.md
// §Engagement objects, §Tickets): the scored objects and the engagement objects and tickets whose
// records become events. One list, for the port's type, the fan-out and the admin API's validation.
export const crmObjectTypes = [
  "contacts",
  "companies",
  "deals",
  "meetings",
  "calls",
  "emails",
  "notes",
  "tasks",
  "tickets",
] as const;
