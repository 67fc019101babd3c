import type { RecordLocks } from "../ports/cluster-locks.js";
import type { ObjectType } from "../scoring/index.js";

/** The key a record is locked (and held by the webhook worker) under. */
export const recordKey = (portalId: number, object: ObjectType, id: string) => `${portalId}:${object}:${id}`;

/** Longer than rescoring 1,000 records at HubSpot's pace; released as soon as the rescore ends. */
export const RECORD_LOCK_MS = 5 * 60_000;

/**
 * Record locks within one instance (no REDIS_URL): the webhook worker and the timed tasks (decay,
 * pollers, sweep) of this process. With REDIS_URL the Redis locks span every instance.
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
