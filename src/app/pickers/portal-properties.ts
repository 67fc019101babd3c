import type { CrmClient, CrmObjectType, CrmPortalProperty } from "../../ports/crm-client.js";
import { createTtlCache } from "./ttl-cache.js";

// The builder's property pickers (docs/decisions.md §Builder pickers): an object's properties by
// label, with the options of enumerations, read from HubSpot once and kept in memory for
// PROPERTIES_TTL_MS per portal and object.

/** A property as the pickers show it: internal name, label, and the options a value is picked from. */
export type PickerProperty = {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  group: string;
  options: { value: string; label: string }[];
};

export const PROPERTIES_TTL_MS = 10 * 60_000;

/** Hidden properties and options are the ones HubSpot's own pickers leave out. */
export function toPickerProperty(property: CrmPortalProperty): PickerProperty {
  return {
    name: property.name,
    label: property.label || property.name,
    type: property.type,
    fieldType: property.fieldType,
    group: property.groupName,
    options: [...property.options]
      .filter((option) => !option.hidden)
      .sort((a, b) => a.displayOrder - b.displayOrder)
      .map((option) => ({ value: option.value, label: option.label || option.value })),
  };
}

const byLabel = (a: PickerProperty, b: PickerProperty) =>
  a.label.localeCompare(b.label, "en", { sensitivity: "base" }) || a.name.localeCompare(b.name);

export type PortalProperties = {
  /** The visible properties of an object, by label; `refresh` reads HubSpot again first. */
  read(portalId: number, objectType: CrmObjectType, refresh?: boolean): Promise<PickerProperty[]>;
};

export function createPortalProperties(deps: {
  crmFor: (portalId: number) => Pick<CrmClient, "listProperties">;
  now: () => number;
  ttlMs?: number;
}): PortalProperties {
  const cache = createTtlCache<PickerProperty[]>({ now: deps.now, ttlMs: deps.ttlMs ?? PROPERTIES_TTL_MS });
  return {
    read: (portalId, objectType, refresh = false) =>
      cache.get(`${portalId}:${objectType}`, refresh, async () => {
        const all = await deps.crmFor(portalId).listProperties(objectType);
        return all
          .filter((p) => !p.hidden)
          .map(toPickerProperty)
          .sort(byLabel);
      }),
  };
}
