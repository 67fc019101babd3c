import type { Scope } from "nock";
import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import { buildProperty, buildPropertyBatch } from "../../fixtures/hubspot/property-payloads.js";
import type { NockWorldRecords } from "./nock-world-records.js";

// Property groups and properties v3 in the nock world (docs/hubspot.md §Score properties): groups (409 for a taken
// name), batch read (names it lacks are 207 errors; `dataSensitivity` required), batch create (a taken name is a 207 error),
// update one, batch archive (204), and the list of an object's properties, where calls hold HubSpot's call
// outcome property (GUID values named by their labels, docs/hubspot.md §Engagement objects). An archived property is gone from reads of definitions and
// of records, and writing it fails as for any property the portal lacks.

type Property = ReturnType<typeof buildProperty>;

const typeOf = (uri: string) => (uri.split("/")[4] ?? "").split("?")[0] ?? "";

/** The calls' outcome property as HubSpot defines it. */
export const callDisposition = buildProperty({
  name: "hs_call_disposition",
  label: "Call outcome",
  type: "enumeration",
  fieldType: "select",
  groupName: "callinformation",
  description: "The outcome of the call",
  options: [
    { value: "f240bbac-87c9-4f6e-bf70-924b57d47db7", label: "Connected", displayOrder: 1, hidden: false },
    { value: "73a0d17f-1163-4015-bdd5-ec830791da20", label: "No answer", displayOrder: 4, hidden: false },
  ],
});
const batchError = (category: string, message: string, name: string) => ({
  status: "error",
  category,
  message,
  context: { properties: [name] },
  links: {},
  errors: [],
});

export function mockNockProperties(scope: Scope, world: NockWorldRecords, groups: Map<string, Set<string>>) {
  const properties = new Map<string, Map<string, Property>>();
  const propertiesOf = (type: string) => {
    const found = properties.get(type) ?? new Map<string, Property>();
    properties.set(type, found);
    return found;
  };
  propertiesOf("calls").set(callDisposition.name, callDisposition);

  scope.post(/^\/crm\/v3\/properties\/\w+\/groups$/).reply((uri, body) => {
    const type = typeOf(uri);
    const group = body as { name: string; label: string; displayOrder?: number };
    const existing = groups.get(type) ?? new Set<string>();
    if (existing.has(group.name))
      return [
        409,
        buildErrorBody(409, `A property group named '${group.name}' already exists.`, {
          category: "OBJECT_ALREADY_EXISTS",
        }),
      ];
    groups.set(type, existing.add(group.name));
    return [201, { displayOrder: -1, ...group, archived: false }];
  });
  scope
    .get(/^\/crm\/v3\/properties\/\w+(\?.*)?$/)
    .reply((uri) => [200, { results: [...propertiesOf(typeOf(uri)).values()] }]);
  scope.post(/^\/crm\/v3\/properties\/\w+\/batch\/read$/).reply((uri, body) => {
    const defined = propertiesOf(typeOf(uri));
    const { inputs, dataSensitivity } = body as { inputs: { name: string }[]; dataSensitivity?: unknown };
    // HubSpot's published spec requires `dataSensitivity` (docs/decisions.md §Fields the SDK does not send).
    if (!["non_sensitive", "sensitive", "highly_sensitive"].includes(String(dataSensitivity)))
      return [400, buildErrorBody(400, "Invalid input JSON: dataSensitivity is required")];
    const results = inputs.flatMap((i) => defined.get(i.name) ?? []);
    const missing = inputs.filter((i) => !defined.has(i.name));
    if (missing.length === 0) return [200, buildPropertyBatch(results)];
    const errors = missing.map((i) =>
      batchError("OBJECT_NOT_FOUND", `Unable to find property ${i.name}`, i.name),
    );
    return [207, { ...buildPropertyBatch(results), numErrors: errors.length, errors }];
  });
  scope.post(/^\/crm\/v3\/properties\/\w+\/batch\/create$/).reply((uri, body) => {
    const type = typeOf(uri);
    const defined = propertiesOf(type);
    const { inputs } = body as { inputs: (Partial<Property> & { name: string })[] };
    const results: Property[] = [];
    const errors = [];
    for (const input of inputs) {
      if (defined.has(input.name)) {
        errors.push(
          batchError("OBJECT_ALREADY_EXISTS", `Property named '${input.name}' already exists.`, input.name),
        );
        continue;
      }
      const property = buildProperty(input);
      defined.set(input.name, property);
      world.names(type).add(input.name);
      results.push(property);
    }
    const answer = buildPropertyBatch(results);
    return errors.length === 0 ? [201, answer] : [207, { ...answer, numErrors: errors.length, errors }];
  });
  // Batch archive: { inputs: [{ name }] }, 204 without a body; names the object lacks change nothing.
  scope.post(/^\/crm\/v3\/properties\/\w+\/batch\/archive$/).reply((uri, body) => {
    const type = typeOf(uri);
    const { inputs } = body as { inputs: { name: string }[] };
    for (const { name } of inputs) {
      if (!propertiesOf(type).delete(name)) continue;
      world.names(type).delete(name);
    }
    return [204];
  });
  scope.patch(/^\/crm\/v3\/properties\/\w+\/\w+$/).reply((uri, body) => {
    const [, , , , type = "", name = ""] = uri.split("/");
    const property = propertiesOf(type).get(name);
    if (!property) return [404, buildErrorBody(404, `Unable to find property ${name}`)];
    const updated = { ...property, ...(body as Partial<Property>), name };
    propertiesOf(type).set(name, updated);
    return [200, updated];
  });
}
