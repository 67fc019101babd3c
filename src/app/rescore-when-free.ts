import type { RecordLocks } from "../ports/cluster-locks.js";
import type { ObjectType } from "../scoring/index.js";
import { RECORD_LOCK_MS, recordKey } from "./record-locks.js";

/** How often records held by another rescore are asked for again. */
const RETRY_MS = 250;

/**
 * Runs `rescore` on the records as each becomes free of other rescores (record-locks.ts: the webhook
 * worker, the timed tasks, another instance), in as few passes as that allows. A lock is held only
 * while its records are rescored, never while waiting, so two waiting callers cannot block each
 * other. After RECORD_LOCK_MS of waiting (a lock left by a process that died outlives it no longer)
 * the rest are rescored anyway.
 */
export async function rescoreWhenFree<R>(
  locks: RecordLocks,
  portalId: number,
  object: ObjectType,
  ids: readonly string[],
  rescore: (free: string[]) => Promise<R>,
  options: { sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<R[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const giveUpAtMs = now() + RECORD_LOCK_MS;
  let waiting = new Map(ids.map((id) => [recordKey(portalId, object, id), id]));
  const results: R[] = [];
  while (waiting.size > 0) {
    const taken = now() >= giveUpAtMs ? [] : await locks.take([...waiting.keys()], RECORD_LOCK_MS);
    const free = now() >= giveUpAtMs ? [...waiting.values()] : taken.map((key) => waiting.get(key) as string);
    if (free.length > 0) {
      try {
        results.push(await rescore(free));
      } finally {
        await locks.release(taken);
      }
      const done = new Set(free);
      waiting = new Map([...waiting].filter(([, id]) => !done.has(id)));
    }
    if (waiting.size > 0) await sleep(RETRY_MS);
  }
  return results;
}
