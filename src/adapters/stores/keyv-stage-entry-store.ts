import type { Keyv } from "keyv";
import type { StageEntry, StageEntryStore } from "../../ports/stage-entry-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** StageEntryStore on keyv: `portal:object:stage:record` → the entry last read. */
export function createKeyvStageEntryStore(keyv: Keyv<StageEntry>): StageEntryStore {
  const key = (portalId: number, object: string, stage: string, recordId: string) =>
    `${portalId}:${object}:${stage}:${recordId}`;
  return {
    async get(portalId, object, stage, recordIds) {
      const found = new Map<string, StageEntry>();
      if (recordIds.length === 0) return found;
      const values = await keyv.getMany(recordIds.map((id) => key(portalId, object, stage, id)));
      recordIds.forEach((id, i) => {
        const value = values[i];
        if (value) found.set(id, value);
      });
      return found;
    },
    async put(portalId, object, stage, entries) {
      if (entries.size === 0) return;
      await keyv.setMany(
        [...entries].map(([id, value]) => ({ key: key(portalId, object, stage, id), value })),
      );
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
