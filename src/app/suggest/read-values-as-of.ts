import type { CrmClient, CrmValueSince, LifecycleObjectType } from "../../ports/crm-client.js";

// Property values as of a decision instant (docs/decisions.md §Suggested scores from HubSpot): the latest
// value a record held at or before it, from the property's history; unknown (null) when the history has
// none that early, even if the record holds a value now, because a value set later may have been set
// because the record converted.

/** The value held at `atMs` from a history newest first; null when none was held yet. */
export function valueAsOf(history: readonly CrmValueSince[] | undefined, atMs: number): string | null {
  for (const entry of history ?? [])
    if (entry.sinceMs <= atMs) return entry.value === "" ? null : entry.value;
  return null;
}

/** Each record's properties as of its own instant; records HubSpot does not know are left out. */
export async function readValuesAsOf(
  crm: Pick<CrmClient, "readPropertyHistories">,
  object: LifecycleObjectType,
  atMsById: ReadonlyMap<string, number>,
  properties: readonly string[],
): Promise<Map<string, Record<string, string | null>>> {
  const histories = await crm.readPropertyHistories(object, [...atMsById.keys()], properties);
  const values = new Map<string, Record<string, string | null>>();
  for (const [id, byProperty] of histories) {
    const atMs = atMsById.get(id);
    if (atMs === undefined) continue;
    const asOf: Record<string, string | null> = {};
    for (const name of properties) asOf[name] = valueAsOf(byProperty[name], atMs);
    values.set(id, asOf);
  }
  return values;
}
