import type { CrmClient, LifecycleObjectType, LifecycleStage } from "../../ports/crm-client.js";
import type { StageEntry, StageEntryStore } from "../../ports/stage-entry-store.js";

// When each record entered the stage, from the store where it is fresh enough, else from HubSpot
// (docs/decisions.md §Score performance): a record that had not entered it may have since, so "not
// yet" is read again after a day; a known date after 30 days.

const DAY_MS = 86_400_000;
const UNKNOWN_FRESH_MS = DAY_MS;
const KNOWN_FRESH_MS = 30 * DAY_MS;
/** Ids looked up in the store at once, so a 100k-record portal is read in bounded steps. */
const STORE_CHUNK = 1_000;

const isFresh = (entry: StageEntry, nowMs: number) =>
  nowMs - entry.readAtMs < (entry.enteredAtMs === null ? UNKNOWN_FRESH_MS : KNOWN_FRESH_MS);

export async function loadStageEntries(
  deps: { crm: CrmClient; store: StageEntryStore | undefined; nowMs: number; portalId: number },
  object: LifecycleObjectType,
  recordIds: readonly string[],
  stage: LifecycleStage,
): Promise<Map<string, number | null>> {
  const { crm, store, nowMs, portalId } = deps;
  if (!store) return crm.readStageEntries(object, recordIds, stage);
  const out = new Map<string, number | null>();
  for (let i = 0; i < recordIds.length; i += STORE_CHUNK) {
    const ids = recordIds.slice(i, i + STORE_CHUNK);
    const kept = await store.get(portalId, object, stage, ids);
    const stale = ids.filter((id) => {
      const entry = kept.get(id);
      if (entry && isFresh(entry, nowMs)) out.set(id, entry.enteredAtMs);
      return !(entry && isFresh(entry, nowMs));
    });
    if (stale.length === 0) continue;
    const read = await crm.readStageEntries(object, stale, stage);
    const fresh = new Map<string, StageEntry>();
    for (const id of stale) {
      const enteredAtMs = read.get(id) ?? null;
      out.set(id, enteredAtMs);
      fresh.set(id, { enteredAtMs, readAtMs: nowMs });
    }
    await store.put(portalId, object, stage, fresh);
  }
  return out;
}
