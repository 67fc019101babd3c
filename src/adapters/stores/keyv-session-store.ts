import { createHash } from "node:crypto";
import type { Keyv } from "keyv";
import type { Session, SessionStore, SignInLink } from "../../ports/session-store.js";
import { serializeByKey } from "../../serialize-by-key.js";

const digest = (secret: string) => createHash("sha256").update(secret).digest("base64url");

/**
 * SessionStore on keyv (`openKeyv(url, "sessions")`). Entries expire with keyv's TTL as well, so
 * abandoned sessions and unused links do not pile up; callers still compare expiresAtMs with their clock.
 */
export function createKeyvSessionStore(keyv: Keyv<Session | SignInLink>, nowMs: () => number): SessionStore {
  const exclusive = serializeByKey();
  const ttl = (expiresAtMs: number) => Math.max(1, expiresAtMs - nowMs());
  const sessionKey = (id: string) => `session:${digest(id)}`;
  const linkKey = (token: string) => `link:${digest(token)}`;
  return {
    async getSession(sessionId) {
      return (await keyv.get(sessionKey(sessionId))) as Session | undefined;
    },
    async saveSession(sessionId, session) {
      await keyv.set(sessionKey(sessionId), session, ttl(session.expiresAtMs));
    },
    async deleteSession(sessionId) {
      await keyv.delete(sessionKey(sessionId));
    },
    async saveLink(token, link) {
      await keyv.set(linkKey(token), link, ttl(link.expiresAtMs));
    },
    takeLink(token) {
      const key = linkKey(token);
      // Two clicks racing in this process are serialized; only the caller whose delete removed the
      // entry gets the link. Across processes this is as atomic as the adapter's delete (sqlite's
      // reads, then deletes), which is enough for the one-process deployment main.ts starts.
      return exclusive(key, async () => {
        const link = (await keyv.get(key)) as SignInLink | undefined;
        if (link === undefined) return undefined;
        return (await keyv.delete(key)) ? link : undefined;
      });
    },
  };
}
