import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** Runs a Lua script atomically on the server, given its keys and arguments; resolves to its reply. */
export type RedisScript = (
  client: Redis,
  keys: readonly string[],
  args: readonly (string | number)[],
) => Promise<unknown>;

/**
 * A Lua script sent by its SHA1 (EVALSHA), and in full only when the server does not know it: the
 * script cache is empty after every Redis restart. Our own helper rather than ioredis's
 * `defineCommand`, which adds untyped methods to a client the caller may share with other code.
 */
export function defineRedisScript(lua: string): RedisScript {
  const sha1 = createHash("sha1").update(lua).digest("hex");
  return async (client, keys, args) => {
    try {
      return await client.evalsha(sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error;
      return client.eval(lua, keys.length, ...keys, ...args);
    }
  };
}
