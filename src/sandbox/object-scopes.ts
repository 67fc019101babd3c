import type { SandboxObjectType } from "./object-types.js";

// Scopes a call needs (docs/hubspot.md §Webhook subscriptions, §Engagement objects, §Score properties). Engagements are read with the contacts scope
// (legacy engagement docs; the v3 per-object list is UNCONFIRMED, docs/hubspot.md §Engagement objects), and email
// content also needs sales-email-read, which the app asks for as optional.

const isScored = (type: SandboxObjectType) => type === "contacts" || type === "companies" || type === "deals";

export function readScopesOf(type: SandboxObjectType): string[] {
  if (type === "tickets") return ["tickets"];
  if (isScored(type)) return [`crm.objects.${type}.read`];
  return type === "emails"
    ? ["crm.objects.contacts.read", "sales-email-read"]
    : ["crm.objects.contacts.read"];
}

export function writeScopesOf(type: SandboxObjectType): string[] {
  if (type === "tickets") return ["tickets"];
  return [isScored(type) ? `crm.objects.${type}.write` : "crm.objects.contacts.write"];
}

const schemaObject = (type: SandboxObjectType) => (isScored(type) ? type : "contacts");

/** Reading definitions: the schema scopes, or reading the object itself. */
export function schemaReadScopesOf(type: SandboxObjectType): string[] {
  if (type === "tickets") return ["tickets"];
  const t = schemaObject(type);
  return [`crm.schemas.${t}.read|crm.schemas.${t}.write|crm.objects.${t}.read`];
}

export function schemaWriteScopesOf(type: SandboxObjectType): string[] {
  if (type === "tickets") return ["tickets"];
  return [`crm.schemas.${schemaObject(type)}.write`];
}

/** Every scope the sandbox knows: what a token from POST /__sandbox/tokens gets by default. */
export const allSandboxScopes = [
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
  "sales-email-read",
  "tickets",
  "content",
  "forms",
];
