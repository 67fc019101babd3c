import type { Keyv } from "keyv";
import type { ActionStore, StoredAction } from "../../ports/action-store.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/**
 * ActionStore on keyv: `portal:callbackId`, kept 30 days (HubSpot retries within days, not months),
 * plus an index of actions whose callback is still owed, for completing them at start-up.
 */
export function createKeyvActionStore(keyv: Keyv<StoredAction | string[]>): ActionStore {
  const ttlMs = 30 * 24 * 60 * 60 * 1000;
  const key = (portalId: number, callbackId: string) => `${portalId}:${callbackId}`;
  const owedKey = "owed";
  const exclusive = serializeByKey();
  const owedKeys = async () => ((await keyv.get(owedKey)) as string[] | undefined) ?? [];
  // Read-modify-write of the index, ordered within this process (as keyv-job-store.ts's).
  const updateIndex = (change: (keys: string[]) => string[]) =>
    exclusive(owedKey, async () => {
      const before = await owedKeys();
      const after = change(before);
      if (after.length !== before.length) await keyv.set(owedKey, after);
    });
  return {
    async get(portalId, callbackId) {
      return (await keyv.get(key(portalId, callbackId))) as StoredAction | undefined;
    },
    async save(action) {
      const k = key(action.portalId, action.callbackId);
      await keyv.set(k, action, ttlMs);
      await updateIndex((keys) =>
        action.owed ? (keys.includes(k) ? keys : [...keys, k]) : keys.filter((other) => other !== k),
      );
    },
    async owed() {
      const actions = await Promise.all((await owedKeys()).map((k) => keyv.get(k)));
      return actions.filter((a): a is StoredAction => a !== undefined && !Array.isArray(a) && !!a.owed);
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
      await updateIndex((keys) => keys.filter((k) => !k.startsWith(`${portalId}:`)));
    },
  };
}
