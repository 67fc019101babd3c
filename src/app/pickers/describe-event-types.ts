import type { ScoreStore } from "../../ports/score-store.js";
import { portalSourceStatuses, type SourceStatusDeps } from "../sources/source-statuses.js";
import { eventTypeCatalog } from "./event-type-catalog.js";
import type { FormChoice, PortalForms } from "./portal-forms.js";
import type { PickerProperty, PortalProperties } from "./portal-properties.js";

// GET /event-types/:objectType (docs/decisions.md §Builder pickers): every event type with its label,
// its event properties by label with their options (meeting outcomes, call outcomes by name, form
// names), and whether the portal supplies its events, as GET /sources says (docs/decisions.md §Sources
// status). A company or deal score counts its contacts' events (docs/scoring.md §Companies and deals),
// so every scored object offers the same types.

export type DescribedEventType = {
  type: string;
  label: string;
  /** Where the events come from (src/app/sources/event-source-table.ts). */
  source: string;
  available: boolean;
  /** What it means and what to do, when not available: the sources status's detail. */
  reason?: string;
  properties: PickerProperty[];
};

/** A form submission's form_name and form_id picked from the portal's forms, by name. */
function withFormOptions(property: PickerProperty, forms: readonly FormChoice[]): PickerProperty {
  if (forms.length === 0) return property;
  if (property.name === "form_name")
    return { ...property, options: forms.map((f) => ({ value: f.name, label: f.name })) };
  if (property.name === "form_id")
    return { ...property, options: forms.map((f) => ({ value: f.id, label: f.name })) };
  return property;
}

/**
 * An object's properties, or none when HubSpot refuses them (tickets without the tickets scope): that
 * type's conditions are then typed, and the other types keep their pickers.
 */
async function readOrNone(
  properties: PortalProperties,
  portalId: number,
  objectType: Parameters<PortalProperties["read"]>[1],
  refresh: boolean,
): Promise<PickerProperty[]> {
  try {
    return await properties.read(portalId, objectType, refresh);
  } catch {
    return [];
  }
}

export async function describeEventTypes(
  deps: SourceStatusDeps & { scores: ScoreStore; properties: PortalProperties; forms?: PortalForms },
  portalId: number,
  refresh = false,
): Promise<DescribedEventType[]> {
  const [statuses, forms] = await Promise.all([
    portalSourceStatuses(deps, portalId),
    deps.forms?.read(portalId, refresh) ?? null,
  ]);
  const statusOf = new Map(statuses.map((row) => [row.eventType, row]));
  return Promise.all(
    eventTypeCatalog.map(async (entry) => {
      const row = statusOf.get(entry.type);
      const available = row?.status === "available";
      const properties =
        "object" in entry.properties
          ? await readOrNone(deps.properties, portalId, entry.properties.object, refresh)
          : entry.properties.fixed.map((p) => withFormOptions(p, forms ?? []));
      return {
        type: entry.type,
        label: entry.label,
        source: row?.source ?? "",
        available,
        ...(row && !available ? { reason: row.detail } : {}),
        properties,
      };
    }),
  );
}
