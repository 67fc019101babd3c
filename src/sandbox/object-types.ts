// The CRM object types the sandbox serves (docs/hubspot.md §Engagement objects, §Score properties, §Tickets), the
// names HubSpot accepts for them in a path (plural, singular, or objectTypeId such as 0-1), and their
// objectTypeIds. The tickets' 0-5 is unconfirmed (docs/hubspot.md §Tickets); the app reads tickets by name.

export const sandboxObjectTypes = [
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

export type SandboxObjectType = (typeof sandboxObjectTypes)[number];

export const objectTypeIdOf: Record<SandboxObjectType, string> = {
  contacts: "0-1",
  companies: "0-2",
  deals: "0-3",
  calls: "0-48",
  emails: "0-49",
  meetings: "0-47",
  notes: "0-46",
  tasks: "0-27",
  tickets: "0-5",
};

/** The singular name HubSpot uses in legacy webhook subscription types, e.g. `contact.propertyChange`. */
export const singularOf: Record<SandboxObjectType, string> = {
  contacts: "contact",
  companies: "company",
  deals: "deal",
  meetings: "meeting",
  calls: "call",
  emails: "email",
  notes: "note",
  tasks: "task",
  tickets: "ticket",
};

const aliases = new Map<string, SandboxObjectType>();
for (const type of sandboxObjectTypes) {
  aliases.set(type, type);
  aliases.set(singularOf[type], type);
  aliases.set(objectTypeIdOf[type], type);
}

/** The canonical type for a path segment, or null when HubSpot would not know it. */
export function resolveObjectType(segment: string): SandboxObjectType | null {
  return aliases.get(segment.toLowerCase()) ?? null;
}

/** Legacy subscription types exist for these only; the rest use generic `object.*` (docs/hubspot.md §Webhook subscriptions, §Tickets). */
export const legacyWebhookObjects: ReadonlySet<SandboxObjectType> = new Set([
  "contacts",
  "companies",
  "deals",
  "tickets",
]);
