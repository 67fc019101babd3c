import { objectTypeIdOf, sandboxObjectTypes, singularOf } from "./object-types.js";
import { fieldTypeOf, multiSelectNames, propertyCatalog, rollupNames } from "./property-catalog.js";
import type { SandboxPortal } from "./sandbox-portal.js";

// Every portal starts with HubSpot's own property groups and properties (even SANDBOX_SEED=none):
// HubSpot-defined, read-only definitions, not archivable (docs/hubspot.md §Score properties); the contact
// roll-ups' values are read-only too (docs/hubspot.md §Contact roll-up properties).

export function installPropertyCatalog(portal: SandboxPortal, nowMs: number): void {
  const at = new Date(nowMs).toISOString();
  for (const type of sandboxObjectTypes) {
    const groupName = `${singularOf[type]}information`;
    portal.properties.putGroup(type, {
      name: groupName,
      label: `${singularOf[type]} information`,
      displayOrder: 0,
    });
    propertyCatalog[type].forEach(([name, label, kind, options], index) => {
      portal.properties.put(type, {
        name,
        label,
        type: kind,
        fieldType: multiSelectNames.has(name) ? "checkbox" : fieldTypeOf[kind],
        groupName,
        description: `${label} (${objectTypeIdOf[type]})`,
        displayOrder: index,
        hidden: false,
        formField: kind !== "datetime",
        hasUniqueValue: false,
        options: (options ?? []).map((option, order) => ({
          value: typeof option === "string" ? option : option[0],
          label: typeof option === "string" ? option : option[1],
          displayOrder: order,
          hidden: false,
        })),
        calculated: rollupNames.has(name),
        externalOptions: false,
        hubspotDefined: true,
        archived: false,
        modificationMetadata: {
          archivable: false,
          readOnlyDefinition: true,
          readOnlyValue: rollupNames.has(name),
        },
        createdAt: at,
        updatedAt: at,
      });
    });
  }
}
