import { validationError } from "./hubspot-error.js";
import type { WireProperty } from "./property-repo.js";
import { computedProperties } from "./record-to-wire.js";

// HubSpot refuses a write whose values do not fit the portal's properties with 400 "Property
// values were not valid: [...]" listing one entry per bad value (error PROPERTY_DOESNT_EXIST,
// INVALID_OPTION, READ_ONLY_VALUE, ...). Valid values come back normalised: datetimes as ISO
// strings (HubSpot accepts epoch milliseconds too, docs/hubspot.md §Engagement objects / build-engagement-event).

interface ValueError {
  isValid: false;
  name: string;
  error: string;
  message: string;
}

function normalise(property: WireProperty, value: string): string | ValueError {
  const fail = (error: string, message: string): ValueError => ({
    isValid: false,
    name: property.name,
    error,
    message,
  });
  switch (property.type) {
    case "number":
      return Number.isFinite(Number(value)) && value.trim() !== ""
        ? value
        : fail("INVALID_DECIMAL", `${value} was not a valid number.`);
    case "bool":
      return value === "true" || value === "false"
        ? value
        : fail("INVALID_BOOLEAN", `${value} was not a valid boolean.`);
    case "datetime":
    case "date": {
      const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (Number.isNaN(ms)) return fail("INVALID_DATE", `${value} was not a valid date.`);
      const iso = new Date(ms).toISOString();
      return property.type === "date" ? iso.slice(0, 10) : iso;
    }
    case "enumeration": {
      const allowed = new Set(property.options.map((option) => option.value));
      const chosen = property.fieldType === "checkbox" ? value.split(";") : [value];
      const bad = chosen.filter((option) => !allowed.has(option));
      return bad.length === 0
        ? value
        : fail(
            "INVALID_OPTION",
            `${bad.join(";")} was not one of the allowed options: [${[...allowed].join(", ")}]`,
          );
    }
    default:
      return value;
  }
}

/** The values as HubSpot stores them; throws HubSpot's 400 listing every bad value. */
export function validatePropertyValues(
  values: Record<string, string | null>,
  propertyOf: (name: string) => WireProperty | null,
): Record<string, string | null> {
  const errors: ValueError[] = [];
  const normalised: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(values)) {
    const property = computedProperties.has(name) ? null : propertyOf(name);
    if (computedProperties.has(name)) {
      errors.push({
        isValid: false,
        name,
        error: "READ_ONLY_VALUE",
        message: `${name} is a read only property; its value cannot be set.`,
      });
    } else if (!property) {
      errors.push({
        isValid: false,
        name,
        error: "PROPERTY_DOESNT_EXIST",
        message: `Property "${name}" does not exist`,
      });
    } else if (value === null || value === "") {
      normalised[name] = "";
    } else {
      const result = normalise(property, String(value));
      if (typeof result === "string") normalised[name] = result;
      else errors.push(result);
    }
  }
  if (errors.length > 0) throw validationError(`Property values were not valid: ${JSON.stringify(errors)}`);
  return normalised;
}
