import type {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from "@hubspot/api-client/lib/codegen/crm/properties/models/PropertyCreate.js";
import type {
  PropertyUpdateFieldTypeEnum,
  PropertyUpdateTypeEnum,
} from "@hubspot/api-client/lib/codegen/crm/properties/models/PropertyUpdate.js";
import { AppError } from "../../errors.js";
import type { CrmClient, CrmExistingProperty, CrmPropertyDefinition } from "../../ports/crm-client.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// Property groups and properties (docs/hubspot.md §Score properties): batch read and batch create, single update
// (HubSpot has no batch update for property definitions).

type PropertiesPart = Pick<
  CrmClient,
  | "createPropertyGroup"
  | "readProperties"
  | "listProperties"
  | "createProperties"
  | "updateProperty"
  | "archiveProperties"
>;

/** The SDK's Property, as much of it as we read. */
type SdkProperty = {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description?: string;
  hidden?: boolean;
  calculated?: boolean;
  modificationMetadata?: { readOnlyValue?: boolean };
  options?: { label: string; value: string; displayOrder?: number; hidden: boolean }[];
};

function fromSdkProperty(property: SdkProperty): CrmExistingProperty {
  return {
    name: property.name,
    label: property.label,
    type: property.type,
    fieldType: property.fieldType,
    groupName: property.groupName,
    description: property.description ?? "",
    options: (property.options ?? []).map((option) => ({
      label: option.label,
      value: option.value,
      displayOrder: option.displayOrder ?? 0,
      hidden: option.hidden,
    })),
  };
}

function toSdkProperty(property: CrmPropertyDefinition) {
  return {
    name: property.name,
    label: property.label,
    // The SDK's string enums hold exactly these strings (docs/hubspot.md §Score properties, valid type/fieldType pairs).
    type: property.type as PropertyCreateTypeEnum,
    fieldType: property.fieldType as PropertyCreateFieldTypeEnum,
    groupName: property.groupName,
    description: property.description,
    formField: false,
    options: property.options.map((option) => ({ ...option })),
  };
}

export function createHubSpotProperties(apis: SdkApis, pacer: PortalPacer): PropertiesPart {
  return {
    async createPropertyGroup(objectType, group) {
      try {
        await pacer.run("api", `${objectType} property group create`, (signal) =>
          apis.propertyGroups.create(objectType, { ...group }, apis.callOptions(signal)),
        );
        return true;
      } catch (error) {
        // 409: the group is there already (a second install, or a re-provision).
        if (error instanceof AppError && error.code === "conflict") return false;
        throw error;
      }
    },

    async readProperties(objectType, names) {
      if (names.length === 0) return [];
      // HubSpot's spec requires `dataSensitivity` here; the SDK's model lacks it. The app's score
      // properties are created non-sensitive (docs/decisions.md §Fields the SDK does not send).
      const answer = await pacer.run("api", `${objectType} properties batch read`, (signal) =>
        apis.propertiesBatch.read(
          objectType,
          { archived: false, inputs: names.map((name) => ({ name })) },
          apis.callOptions(signal, { dataSensitivity: "non_sensitive" }),
        ),
      );
      return answer.results.map(fromSdkProperty);
    },

    async listProperties(objectType) {
      // One call answers every property of the object, unpaged (GET /crm/v3/properties/{objectType}).
      const answer = await pacer.run("api", `${objectType} properties list`, (signal) =>
        apis.propertiesCore.getAll(objectType, false, undefined, apis.callOptions(signal)),
      );
      return answer.results.map((property) => ({
        ...fromSdkProperty(property),
        hidden: property.hidden ?? false,
        readOnly: property.modificationMetadata?.readOnlyValue ?? false,
        calculated: property.calculated ?? false,
      }));
    },

    async createProperties(objectType, properties) {
      if (properties.length === 0) return;
      const answer = await pacer.run("api", `${objectType} properties batch create`, (signal) =>
        apis.propertiesBatch.create(
          objectType,
          { inputs: properties.map(toSdkProperty) },
          apis.callOptions(signal),
        ),
      );
      // A 207 answer lists per-property failures instead of throwing.
      const errors = "errors" in answer ? (answer.errors ?? []) : [];
      if (errors.length > 0) {
        const conflict = errors.some((e) => /exist/i.test(`${e.category} ${e.message}`));
        throw new AppError(
          conflict ? "conflict" : "invalid_input",
          `HubSpot refused to create ${objectType} properties: ${errors.map((e) => e.message).join("; ")}`,
          { objectType, status: 207 },
        );
      }
    },

    async updateProperty(objectType, property) {
      const { name, type, fieldType, ...rest } = toSdkProperty(property);
      const update = {
        ...rest,
        type: type as string as PropertyUpdateTypeEnum,
        fieldType: fieldType as string as PropertyUpdateFieldTypeEnum,
      };
      await pacer.run("api", `${objectType} property ${name} update`, (signal) =>
        apis.propertiesCore.update(objectType, name, update, apis.callOptions(signal)),
      );
    },

    async archiveProperties(objectType, names) {
      if (names.length === 0) return;
      await pacer.run("api", `${objectType} properties batch archive`, (signal) =>
        apis.propertiesBatch.archive(
          objectType,
          { inputs: names.map((name) => ({ name })) },
          apis.callOptions(signal),
        ),
      );
    },
  };
}
