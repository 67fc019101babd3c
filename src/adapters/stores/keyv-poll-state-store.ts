import type { Keyv } from "keyv";
import type { PollStateStore } from "../../ports/poll-state-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** PollStateStore on keyv: `portal:cursor:object` (ms) and `portal:members:listId` (sorted ids). */
export function createKeyvPollStateStore(keyv: Keyv<number | string[]>): PollStateStore {
  return {
    async cursor(portalId, object) {
      const value = await keyv.get(`${portalId}:cursor:${object}`);
      return typeof value === "number" ? value : undefined;
    },
    async setCursor(portalId, object, sinceMs) {
      await keyv.set(`${portalId}:cursor:${object}`, sinceMs);
    },
    async members(portalId, listId) {
      const value = await keyv.get(`${portalId}:members:${listId}`);
      return Array.isArray(value) ? value : undefined;
    },
    async setMembers(portalId, listId, ids) {
      await keyv.set(`${portalId}:members:${listId}`, [...ids].sort());
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
