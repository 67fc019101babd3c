import type { Keyv } from "keyv";
import type { StoredSuggestion, SuggestionStore } from "../../ports/suggestion-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** SuggestionStore on keyv: `portal:score` → the suggestion its draft came from. */
export function createKeyvSuggestionStore(keyv: Keyv<StoredSuggestion>): SuggestionStore {
  const key = (portalId: number, scoreId: string) => `${portalId}:${scoreId}`;
  return {
    get: (portalId, scoreId) => keyv.get(key(portalId, scoreId)),
    async save(portalId, scoreId, suggestion) {
      await keyv.set(key(portalId, scoreId), suggestion);
    },
    delete: (portalId, scoreId) => keyv.delete(key(portalId, scoreId)),
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
