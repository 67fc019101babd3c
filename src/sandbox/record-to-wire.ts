import type { SimplePublicObject } from "@hubspot/api-client/lib/codegen/crm/objects/models/SimplePublicObject.js";
import { lifecycleHistory } from "./lifecycle-dates.js";
import type { SandboxObjectType } from "./object-types.js";
import type { PropertyVersion } from "./property-history.js";
import type { RecordRepo, StoredRecord } from "./record-repo.js";
import type { Wire } from "./wire.js";

// A record as HubSpot answers it (SimplePublicObject): the asked properties that exist, unset
// ones as null, names the portal does not have left out; without a list, the object's default
// properties. hs_object_id, hs_createdate and hs_lastmodifieddate always come back (docs/hubspot.md
// §Engagement objects: search returns them by default; batch reads do the same).

export type WireObject = Wire<SimplePublicObject>;

export const computedProperties = new Set([
  "hs_object_id",
  "hs_createdate",
  "createdate",
  "hs_lastmodifieddate",
  "lastmodifieddate",
]);

const defaults: Record<SandboxObjectType, readonly string[]> = {
  contacts: ["email", "firstname", "lastname", "createdate", "lastmodifieddate"],
  companies: ["name", "domain", "createdate"],
  deals: ["dealname", "amount", "dealstage", "pipeline", "closedate", "createdate"],
  meetings: [],
  calls: [],
  emails: [],
  notes: [],
  tasks: [],
  tickets: [
    "subject",
    "content",
    "hs_pipeline",
    "hs_pipeline_stage",
    "hs_ticket_category",
    "hs_ticket_priority",
    "createdate",
  ],
};

function computedValue(record: StoredRecord, name: string): string {
  if (name === "hs_object_id") return String(record.id);
  const at = name.endsWith("createdate") ? record.createdAtMs : record.updatedAtMs;
  return new Date(at).toISOString();
}

/** The properties whose history is asked for, and where their past values are kept. */
export interface HistoryRequest {
  names: readonly string[];
  versionsOf: RecordRepo["historyOf"];
}

/**
 * `propertiesWithHistory` as HubSpot answers it (docs/decisions.md §Sandbox property history):
 * lifecyclestage's stages from their entry dates, any other property its values newest first; a property
 * the object does not have is left out.
 */
function historyOf(record: StoredRecord, history: HistoryRequest, liveNames: ReadonlySet<string>) {
  const out: Record<string, PropertyVersion[]> = {};
  for (const name of history.names) {
    if (!liveNames.has(name)) continue;
    out[name] =
      name === "lifecyclestage" ? lifecycleHistory(record.properties) : history.versionsOf(record, name);
  }
  return out;
}

export function recordToWire(
  record: StoredRecord,
  requested: readonly string[] | undefined,
  liveNames: ReadonlySet<string>,
  history?: HistoryRequest,
): WireObject {
  const names = requested && requested.length > 0 ? requested : defaults[record.objectType];
  const properties: Record<string, string | null> = {};
  for (const name of ["hs_object_id", "hs_createdate", "hs_lastmodifieddate", ...names]) {
    if (computedProperties.has(name)) properties[name] = computedValue(record, name);
    else if (liveNames.has(name)) properties[name] = record.properties[name] ?? null;
  }
  return {
    id: String(record.id),
    properties,
    createdAt: new Date(record.createdAtMs).toISOString(),
    updatedAt: new Date(record.updatedAtMs).toISOString(),
    archived: false,
    ...(history && history.names.length > 0
      ? { propertiesWithHistory: historyOf(record, history, liveNames) }
      : {}),
  };
}
