import { z } from "zod";
import { buildEngagementDefaults, engagementKinds, engagementObjectOf } from "./engagement-defaults.js";
import { HubSpotError, validationError } from "./hubspot-error.js";
import { recordIdOf } from "./object-type-param.js";
import { recordToWire, type WireObject } from "./record-to-wire.js";
import type { SandboxPortal } from "./sandbox-portal.js";
import { validatePropertyValues } from "./validate-property-values.js";

// Logging an activity on a contact, as a salesperson does in HubSpot: the engagement record
// (HubSpot's defaults for its kind at `occurredAt`, overridden by `properties`), associated with
// the contact and, as HubSpot does by default, with the contact's primary company.

export const logEngagementSchema = z.object({
  type: z.enum(engagementKinds),
  contactId: z.union([z.string(), z.number()]),
  /** ISO or epoch milliseconds; the sandbox clock's now when absent. */
  occurredAt: z.union([z.string(), z.number()]).optional(),
  properties: z.record(z.string(), z.union([z.string(), z.null()])).default({}),
});

export function logEngagement(
  portal: SandboxPortal,
  input: z.infer<typeof logEngagementSchema>,
  write: { nowMs: number; changeSource: string },
): {
  engagement: WireObject;
  objectType: string;
  associatedWith: { contacts: string[]; companies: string[] };
} {
  const contactId = recordIdOf(input.contactId);
  if (contactId === null || !portal.records.get("contacts", contactId))
    throw new HubSpotError(404, "OBJECT_NOT_FOUND", `no contact with id ${String(input.contactId)}`);
  const atMs =
    input.occurredAt === undefined
      ? write.nowMs
      : typeof input.occurredAt === "number"
        ? input.occurredAt
        : Date.parse(input.occurredAt);
  if (Number.isNaN(atMs)) throw validationError(`occurredAt is not a time: ${String(input.occurredAt)}`);
  const type = engagementObjectOf[input.type];
  const properties = validatePropertyValues(
    { ...buildEngagementDefaults(input.type, atMs), ...input.properties },
    (name) => portal.properties.get(type, name),
  );
  const companies = portal.associations
    .targets("contacts", contactId, "companies", 0, 500)
    .filter((t) => t.associationTypes.some((a) => a.label === "Primary"))
    .map((t) => t.toObjectId);
  const engagement = portal.db.transaction(() => {
    const record = portal.records.create(type, properties, write);
    portal.associations.associate(
      { fromType: type, fromId: record.id, toType: "contacts", toId: contactId },
      write,
    );
    for (const companyId of companies)
      portal.associations.associate(
        { fromType: type, fromId: record.id, toType: "companies", toId: companyId },
        write,
      );
    return record;
  })();
  return {
    engagement: recordToWire(engagement, Object.keys(properties), portal.properties.liveNames(type)),
    objectType: type,
    associatedWith: { contacts: [String(contactId)], companies: companies.map(String) },
  };
}
