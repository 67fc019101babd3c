import type { RecordLocks } from "../../ports/cluster-locks.js";

/**
 * Record locks within one instance (no REDIS_URL): the webhook worker, the timed tasks (decay,
 * pollers, sweep), enable jobs and resets of this process. With REDIS_URL the Redis locks
 * (redis-locks.ts) span every instance.
 */
export function createLocalRecordLocks(): RecordLocks {
  const taken = new Set<string>();
  return {
    async take(keys) {
      const now = keys.filter((key) => !taken.has(key));
      for (const key of now) taken.add(key);
      return now;
    },
    async release(keys) {
      for (const key of keys) taken.delete(key);
    },
  };
}
