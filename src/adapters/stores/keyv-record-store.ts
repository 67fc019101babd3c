import type { Keyv } from "keyv";
import type { HistoryEntry, RecordRef, RecordStore } from "../../ports/record-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";
import { serializeByKey } from "../../serialize-by-key.js";

/** Enough for a history chart of years of changes; older entries give way to newer ones. */
export const HISTORY_LIMIT_PER_RECORD = 2_000;

type Value = Record<string, number> | HistoryEntry[];

/** RecordStore on keyv: `portal:object:record:resets` and `portal:object:record:history`. */
export function createKeyvRecordStore(keyv: Keyv<Value>): RecordStore {
  const exclusive = serializeByKey();
  const key = (r: RecordRef, kind: "resets" | "history") => `${r.portalId}:${r.object}:${r.recordId}:${kind}`;
  return {
    async resets(portalId, object, recordIds) {
      const keys = recordIds.map((recordId) => key({ portalId, object, recordId }, "resets"));
      const values = keys.length === 0 ? [] : await keyv.getMany(keys);
      const out = new Map<string, Record<string, number>>();
      recordIds.forEach((id, i) => {
        const value = values[i];
        if (value && !Array.isArray(value)) out.set(id, value);
      });
      return out;
    },
    setReset(ref, scoreId, atMs) {
      const k = key(ref, "resets");
      return exclusive(k, async () => {
        const current = ((await keyv.get(k)) as Record<string, number> | undefined) ?? {};
        await keyv.set(k, { ...current, [scoreId]: atMs });
      });
    },
    appendHistory(ref, entries) {
      const k = key(ref, "history");
      return exclusive(k, async () => {
        const current = ((await keyv.get(k)) as HistoryEntry[] | undefined) ?? [];
        await keyv.set(k, [...current, ...entries].slice(-HISTORY_LIMIT_PER_RECORD));
      });
    },
    async history(ref) {
      return ((await keyv.get(key(ref, "history"))) as HistoryEntry[] | undefined) ?? [];
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
