// Object names as the rest of the app spells them (src/ports/crm-client.ts: plural CRM names).
// objectTypeId values are HubSpot's standard object type ids; custom objects (`2-…`) pass through.

// Maps, not object literals: a name from the payload such as "toString" or "constructor" must find
// nothing, not Object.prototype's function (found by test/unit/adapters/queue/inbox-event-text.test.ts).
const BY_TYPE_ID = new Map<string, string>(
  Object.entries({
    "0-1": "contacts",
    "0-2": "companies",
    "0-3": "deals",
    "0-5": "tickets",
    "0-7": "products",
    "0-8": "line_items",
    "0-27": "tasks",
    "0-46": "notes",
    "0-47": "meetings",
    "0-48": "calls",
    "0-49": "emails",
  }),
);

// Legacy subscription prefixes (`contact.creation`) and association type halves (`CONTACT_TO_COMPANY`).
const BY_SINGULAR = new Map<string, string>(
  Object.entries({
    contact: "contacts",
    company: "companies",
    deal: "deals",
    ticket: "tickets",
    product: "products",
    line_item: "line_items",
    conversation: "conversations",
    task: "tasks",
    note: "notes",
    meeting: "meetings",
    meeting_event: "meetings",
    call: "calls",
    email: "emails",
  }),
);

export function objectTypeFromTypeId(objectTypeId: string): string {
  return BY_TYPE_ID.get(objectTypeId) ?? objectTypeId;
}

export function objectTypeFromSingular(name: string): string {
  const lower = name.toLowerCase();
  return BY_SINGULAR.get(lower) ?? lower;
}

/** `CONTACT_TO_COMPANY` → ["contacts", "companies"]; null when the name has no `_TO_`. */
export function objectTypesOfAssociation(associationType: string): [string, string] | null {
  const at = associationType.indexOf("_TO_");
  if (at <= 0) return null;
  return [
    objectTypeFromSingular(associationType.slice(0, at)),
    objectTypeFromSingular(associationType.slice(at + 4)),
  ];
}
