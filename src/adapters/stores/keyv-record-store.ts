import type { Keyv } from "keyv";
import type { HistoryEntry, RecordRef, RecordStore } from "../../ports/record-store.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** Enough for a history chart of years of changes; older entries give way to newer ones. */
export const HISTORY_LIMIT_PER_RECORD = 2_000;

type Value = Record<string, number> | HistoryEntry[];

/** RecordStore on keyv: `portal:object:record:resets` and `portal:object:record:history`. */
export function createKeyvRecordStore(keyv: Keyv<Value>): RecordStore {
  const exclusive = serializeByKey();
  const key = (r: RecordRef, kind: "resets" | "history") => `${r.portalId}:${r.object}:${r.recordId}:${kind}`;
  /** Keys only: the histories themselves are read one at a time. */
  async function historyKeys(prefix: string): Promise<string[]> {
    if (keyv.iterator === undefined) throw new Error("this keyv store cannot list its entries");
    const keys: string[] = [];
    for await (const [k] of keyv.iterator(undefined)) {
      if (typeof k === "string" && k.startsWith(prefix) && k.endsWith(":history")) keys.push(k);
    }
    return keys;
  }
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
    async deleteRecord(ref) {
      await Promise.all([
        exclusive(key(ref, "resets"), () => keyv.delete(key(ref, "resets"))),
        exclusive(key(ref, "history"), () => keyv.delete(key(ref, "history"))),
      ]);
    },
    async moveRecord(from, toRecordId) {
      const to = { ...from, recordId: toRecordId };
      if (from.recordId === toRecordId) return;
      await exclusive(key(to, "resets"), async () => {
        const moved = (await keyv.get(key(from, "resets"))) as Record<string, number> | undefined;
        if (!moved) return;
        const own = ((await keyv.get(key(to, "resets"))) as Record<string, number> | undefined) ?? {};
        await keyv.set(key(to, "resets"), { ...moved, ...own });
      });
      await exclusive(key(to, "history"), async () => {
        const moved = (await keyv.get(key(from, "history"))) as HistoryEntry[] | undefined;
        if (!moved) return;
        const own = ((await keyv.get(key(to, "history"))) as HistoryEntry[] | undefined) ?? [];
        const merged = [...own, ...moved].sort((a, b) => a.atMs - b.atMs);
        await keyv.set(key(to, "history"), merged.slice(-HISTORY_LIMIT_PER_RECORD));
      });
      await keyv.deleteMany([key(from, "resets"), key(from, "history")]);
    },
    async forEachHistory(portalId, object, visit) {
      const prefix = `${portalId}:${object}:`;
      for (const k of await historyKeys(prefix)) {
        const entries = (await keyv.get(k)) as HistoryEntry[] | undefined;
        if (entries) visit(k.slice(prefix.length, -":history".length), entries);
      }
    },
    async rewriteHistories(portalId, rewrite) {
      const keys = await historyKeys(`${portalId}:`);
      let changed = 0;
      for (const k of keys) {
        await exclusive(k, async () => {
          const current = ((await keyv.get(k)) as HistoryEntry[] | undefined) ?? [];
          const next = rewrite(current);
          if (next.length === current.length) return;
          changed++;
          await keyv.set(k, next);
        });
      }
      return changed;
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
