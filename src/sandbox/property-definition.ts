import { z } from "zod";
import type { WireProperty } from "./property-repo.js";

// PropertyCreate / PropertyUpdate as HubSpot checks them (docs/hubspot.md §Score properties): a lower-case name,
// a valid type/fieldType pair, options for enumerations (label, value, hidden).

const fieldTypesOf: Record<string, readonly string[]> = {
  bool: ["booleancheckbox", "calculation_equation"],
  enumeration: ["booleancheckbox", "checkbox", "radio", "select", "calculation_equation"],
  date: ["date"],
  datetime: ["date"],
  string: ["file", "text", "textarea", "calculation_equation", "html", "phonenumber"],
  number: ["number", "calculation_equation"],
};

const option = z.object({
  label: z.string().min(1),
  value: z.string().min(1),
  hidden: z.boolean().default(false),
  displayOrder: z.number().int().optional(),
  description: z.string().optional(),
});

const editable = {
  label: z.string().min(1),
  type: z.enum(["bool", "enumeration", "date", "datetime", "string", "number"]),
  fieldType: z.string().min(1),
  groupName: z.string().min(1),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  options: z.array(option).optional(),
};

export const propertyCreateSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "names are lower-case letters, digits and _, starting with a letter"),
  hasUniqueValue: z.boolean().optional(),
  ...editable,
});
export const propertyUpdateSchema = z.object(editable).partial();

export type PropertyCreateInput = z.infer<typeof propertyCreateSchema>;
export type PropertyUpdateInput = z.infer<typeof propertyUpdateSchema>;

/** Why HubSpot would refuse this definition, or null. */
export function definitionProblem(
  property: Pick<WireProperty, "type" | "fieldType" | "options" | "name">,
): string | null {
  const allowed = fieldTypesOf[property.type];
  if (!allowed?.includes(property.fieldType))
    return `Property ${property.name}: fieldType ${property.fieldType} is not valid for type ${property.type} (valid: ${allowed?.join(", ") ?? "none"})`;
  if (
    property.type === "enumeration" &&
    property.fieldType !== "booleancheckbox" &&
    property.options.length === 0
  )
    return `Property ${property.name}: an enumeration needs options`;
  const values = property.options.map((o) => o.value);
  if (new Set(values).size !== values.length)
    return `Property ${property.name}: option values must be unique`;
  return null;
}

export function buildWireProperty(
  input: PropertyCreateInput,
  nowMs: number,
  extra: Partial<WireProperty> = {},
): WireProperty {
  const at = new Date(nowMs).toISOString();
  return {
    name: input.name,
    label: input.label,
    type: input.type,
    fieldType: input.fieldType,
    groupName: input.groupName,
    description: input.description ?? "",
    displayOrder: input.displayOrder ?? -1,
    hidden: input.hidden ?? false,
    formField: input.formField ?? false,
    hasUniqueValue: input.hasUniqueValue ?? false,
    options: (input.options ?? []).map((o, index) => ({ ...o, displayOrder: o.displayOrder ?? index })),
    calculated: false,
    externalOptions: false,
    hubspotDefined: false,
    archived: false,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    createdAt: at,
    updatedAt: at,
    ...extra,
  };
}

export function applyPropertyUpdate(
  property: WireProperty,
  update: PropertyUpdateInput,
  nowMs: number,
): WireProperty {
  const { options, ...rest } = update;
  return {
    ...property,
    ...rest,
    ...(options
      ? { options: options.map((o, index) => ({ ...o, displayOrder: o.displayOrder ?? index })) }
      : {}),
    updatedAt: new Date(nowMs).toISOString(),
  };
}
