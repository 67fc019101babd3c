import type { Keyv } from "keyv";
import type { OAuthStateStore } from "../../ports/oauth-state-store.js";
import { serializeByKey } from "../../serialize-by-key.js";

/**
 * OAuthStateStore on keyv (`openKeyv(url, "oauth-states")`): one entry per used state, expiring with
 * keyv's TTL when the state would have. Durable, and shared by every instance on one DATABASE_URL.
 * Two uses racing in this process are serialized. Across instances keyv has no set-if-absent, so two
 * callbacks landing on two instances in the same instant could both pass; HubSpot's authorization
 * code is single-use too, and the second exchange is refused (docs/decisions.md §OAuth state).
 */
export function createKeyvOAuthStateStore(keyv: Keyv<number>, nowMs: () => number): OAuthStateStore {
  const exclusive = serializeByKey();
  return {
    consume(stateId, expiresAtMs) {
      const key = `used:${stateId}`;
      return exclusive(key, async () => {
        if ((await keyv.get(key)) !== undefined) return false;
        await keyv.set(key, nowMs(), Math.max(1, expiresAtMs - nowMs()));
        return true;
      });
    },
  };
}
