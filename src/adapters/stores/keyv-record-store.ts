import type { Keyv } from "keyv";
import type { HistoryEntry, RecordRef, RecordStore } from "../../ports/record-store.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** Enough for a history chart of years of changes; older entries give way to newer ones. */
export const HISTORY_LIMIT_PER_RECORD = 2_000;

type Value = Record<string, number> | HistoryEntry[];

/** A SQLite listing page of the journal: its entries are a number each (open-keyv.ts sqlitePageSize). */
export const JOURNAL_SQLITE_PAGE = 5_000;

export type RecordStoreOptions = {
  /**
   * Where the store notes when each record's history was last written (`portal:object:record:written` →
   * ms), so an incremental reader lists what changed without reading every history (docs/decisions.md
   * §Score performance). A namespace of its own keeps that listing small; by default the records' own.
   */
  journal?: Keyv<number>;
  /** The store's clock for those notes. */
  now?: () => number;
};

/**
 * RecordStore on keyv: `portal:object:record:resets`, `portal:object:record:history`, and in the journal
 * `portal:object:record:written`.
 */
export function createKeyvRecordStore(keyv: Keyv<Value>, options: RecordStoreOptions = {}): RecordStore {
  const exclusive = serializeByKey();
  const journal = options.journal ?? (keyv as unknown as Keyv<number>);
  const now = options.now ?? Date.now;
  const key = (r: RecordRef, kind: "resets" | "history" | "written") =>
    `${r.portalId}:${r.object}:${r.recordId}:${kind}`;
  const noteWritten = (refs: readonly RecordRef[]) =>
    journal.setMany(refs.map((ref) => ({ key: key(ref, "written"), value: now() })));
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
        await noteWritten([ref]);
      });
    },
    async history(ref) {
      return ((await keyv.get(key(ref, "history"))) as HistoryEntry[] | undefined) ?? [];
    },
    async deleteRecord(ref) {
      await Promise.all([
        exclusive(key(ref, "resets"), () => keyv.delete(key(ref, "resets"))),
        exclusive(key(ref, "history"), async () => {
          await keyv.delete(key(ref, "history"));
          await noteWritten([ref]);
        }),
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
      await noteWritten([from, to]);
    },
    async forEachHistory(portalId, object, visit) {
      if (keyv.iterator === undefined) throw new Error("this keyv store cannot list its entries");
      const prefix = `${portalId}:${object}:`;
      // Each history as the listing reads it: one page of the store in memory, not every key.
      for await (const [k, entries] of keyv.iterator(undefined)) {
        if (typeof k !== "string" || !k.startsWith(prefix) || !k.endsWith(":history")) continue;
        if (Array.isArray(entries)) await visit(k.slice(prefix.length, -":history".length), entries);
      }
    },
    async countHistories(portalId, object) {
      if (keyv.iterator === undefined) throw new Error("this keyv store cannot list its entries");
      const prefix = `${portalId}:${object}:`;
      let count = 0;
      for await (const [k] of keyv.iterator(undefined))
        if (typeof k === "string" && k.startsWith(prefix) && k.endsWith(":history")) count++;
      return count;
    },
    async historyWrittenSince(portalId, object, sinceMs, visit, pageSize = 1_000) {
      if (journal.iterator === undefined) throw new Error("this keyv store cannot list its entries");
      const prefix = `${portalId}:${object}:`;
      let page: string[] = [];
      for await (const [k, writtenAtMs] of journal.iterator(undefined)) {
        if (typeof k !== "string" || !k.startsWith(prefix) || !k.endsWith(":written")) continue;
        if (typeof writtenAtMs !== "number" || writtenAtMs < sinceMs) continue;
        page.push(k.slice(prefix.length, -":written".length));
        if (page.length < pageSize) continue;
        await visit(page);
        page = [];
      }
      if (page.length > 0) await visit(page);
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
          await journal.set(`${k.slice(0, -":history".length)}:written`, now());
        });
      }
      return changed;
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
      if (journal !== (keyv as unknown)) await deleteByPrefix(journal as Keyv<unknown>, `${portalId}:`);
    },
  };
}
