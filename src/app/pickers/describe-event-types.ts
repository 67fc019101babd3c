import { AppError } from "../../errors.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { EventSourceName, SourceProblem, SourceStatusStore } from "../../ports/source-status-store.js";
import { type EventTypeEntry, eventTypeCatalog } from "./event-type-catalog.js";
import type { FormChoice, PortalForms } from "./portal-forms.js";
import type { PickerProperty, PortalProperties } from "./portal-properties.js";

// GET /event-types/:objectType (docs/decisions.md §Builder pickers): every event type with its
// label, its event properties by label with their options (meeting outcomes, call outcomes by
// name), and whether the portal's events of that type reach the app. A company or deal score
// counts its contacts' events (docs/scoring.md §Companies and deals), so every scored object
// offers the same types.

export type DescribedEventType = {
  type: string;
  label: string;
  /** Where the events come from: the engagement object, or the marketing or web source. */
  source: string;
  available: boolean;
  /** Why not, when not available: what to grant, or that the app does not read that source. */
  reason?: string;
  properties: PickerProperty[];
};

function availability(entry: EventTypeEntry, scopes: readonly string[], problem: SourceProblem | undefined) {
  const { source } = entry;
  if (!("engagement" in source))
    return { available: false, reason: `lead-score does not read ${source.name} from HubSpot yet` };
  const missing = source.scopes.filter((scope) => !scopes.includes(scope));
  if (missing.length > 0)
    return {
      available: false,
      reason: `the portal did not grant ${missing.join(", ")}; reinstall to grant it`,
    };
  // The last read of the source, as the loaders recorded it (docs/decisions.md §Sources status).
  if (problem?.kind === "needs_enterprise")
    return { available: false, reason: `HubSpot offers it on Enterprise portals only (${problem.message})` };
  if (problem) return { available: false, reason: `its last read failed: ${problem.message}` };
  return { available: true };
}

/** A form submission's form_name and form_id picked from the portal's forms, by name. */
function withFormOptions(property: PickerProperty, forms: readonly FormChoice[]): PickerProperty {
  if (forms.length === 0) return property;
  if (property.name === "form_name")
    return { ...property, options: forms.map((f) => ({ value: f.name, label: f.name })) };
  if (property.name === "form_id")
    return { ...property, options: forms.map((f) => ({ value: f.id, label: f.name })) };
  return property;
}

export async function describeEventTypes(
  deps: {
    installations: InstallationStore;
    properties: PortalProperties;
    forms?: PortalForms;
    sourceStatus?: SourceStatusStore;
  },
  portalId: number,
  refresh = false,
): Promise<DescribedEventType[]> {
  const installation = await deps.installations.get(portalId);
  if (!installation) throw new AppError("not_found", `portal ${portalId} is not installed`);
  const [problems, forms] = await Promise.all([
    deps.sourceStatus?.problems(portalId) ?? ({} as Partial<Record<EventSourceName, SourceProblem>>),
    deps.forms?.read(portalId, refresh) ?? null,
  ]);
  return Promise.all(
    eventTypeCatalog.map(async (entry) => {
      const { source } = entry;
      const fromHubSpot = "engagement" in source;
      const properties = fromHubSpot
        ? await deps.properties.read(portalId, source.engagement, refresh)
        : source.properties.map((p) => withFormOptions(p, forms ?? []));
      return {
        type: entry.type,
        label: entry.label,
        source: fromHubSpot ? source.engagement : source.name,
        ...availability(entry, installation.scopes, problems[entry.status]),
        properties,
      };
    }),
  );
}
