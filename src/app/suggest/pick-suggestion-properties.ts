import type { CrmPortalProperty } from "../../ports/crm-client.js";
import { isExcludedProperty } from "../../suggest/is-excluded-property.js";
import type { PropertyKind, SuggestInput } from "../../suggest/suggestion.js";
import { SCORE_GROUP } from "../provision-properties.js";

// Which portal properties a suggested fit score may weigh (docs/decisions.md §Suggested scores from HubSpot):
// what a person or an import sets on a record, read as of the decision instant. Left out: what HubSpot
// calculates or keeps read-only (roll-ups, analytics), its `hs_` internals, dates (a date says when, not
// what kind of record), free text, lead-score's own scores, and what the core never reads (the label and
// ids, is-excluded-property.ts), so their histories are not read at all.

const FREE_TEXT_FIELDS = new Set(["textarea", "html", "file", "phonenumber"]);

/** The kind of feature a property gives; undefined when it gives none. */
function kindOf(property: CrmPortalProperty): PropertyKind | undefined {
  if (property.type === "bool" || property.fieldType === "booleancheckbox") return "bool";
  if (property.type === "enumeration") return "enumeration";
  if (property.type === "number") return "number";
  if (property.type === "string" && !FREE_TEXT_FIELDS.has(property.fieldType)) return "text";
  return undefined;
}

export type SuggestionProperties = NonNullable<SuggestInput["properties"]>;

/** The candidate properties, keyed by internal name, with their kind, label and visible options. */
export function pickSuggestionProperties(all: readonly CrmPortalProperty[]): SuggestionProperties {
  const picked: SuggestionProperties = {};
  const names = new Set(all.map((property) => property.name));
  for (const property of all) {
    if (property.hidden || property.readOnly || property.calculated) continue;
    if (property.name.startsWith("hs_") || isExcludedProperty(property.name, names)) continue;
    if (property.groupName === SCORE_GROUP.name) continue;
    const kind = kindOf(property);
    if (kind === undefined) continue;
    const options = property.options
      .filter((option) => !option.hidden)
      .map((option) => ({ value: option.value, label: option.label || option.value }));
    picked[property.name] = {
      kind,
      label: property.label || property.name,
      ...(options.length > 0 ? { options } : {}),
    };
  }
  return picked;
}
