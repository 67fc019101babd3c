import type { Keyv } from "keyv";
import type { ActionStore, StoredAction } from "../../ports/action-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** ActionStore on keyv: `portal:callbackId`, kept 30 days (HubSpot retries within days, not months). */
export function createKeyvActionStore(keyv: Keyv<StoredAction>): ActionStore {
  const ttlMs = 30 * 24 * 60 * 60 * 1000;
  const key = (portalId: number, callbackId: string) => `${portalId}:${callbackId}`;
  return {
    async get(portalId, callbackId) {
      return keyv.get(key(portalId, callbackId));
    },
    async save(action) {
      await keyv.set(key(action.portalId, action.callbackId), action, ttlMs);
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
