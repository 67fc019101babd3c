import type { HistoryCause } from "../../ports/record-store.js";
import type { ObjectType, ScoreDefinition } from "../../scoring/index.js";
import { RECORD_LOCK_MS, recordKey } from "../record-locks.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { rescoreAndIndex } from "./rescore-and-index.js";

/**
 * rescoreAndIndex for the records no one else is rescoring right now (the webhook worker, another
 * instance): a record being rescored gets current data and its next due time from that rescore, and a
 * second rescore beside it would read the same data and could write after it, older. The timed tasks
 * (decay, pollers, sweep) use it; the worker takes its locks itself. Returns the ids it left alone.
 */
export async function rescoreUnlessBusy(
  deps: PipelineDeps,
  portalId: number,
  object: ObjectType,
  ids: readonly string[],
  definitions: readonly ScoreDefinition[],
  cause: HistoryCause,
): Promise<string[]> {
  const keys = new Map(ids.map((id) => [recordKey(portalId, object, id), id]));
  const taken = await deps.recordLocks.take([...keys.keys()], RECORD_LOCK_MS);
  try {
    const free = taken.map((key) => keys.get(key) as string);
    if (free.length > 0) await rescoreAndIndex(deps, portalId, object, free, definitions, cause);
  } finally {
    await deps.recordLocks.release(taken);
  }
  const takenSet = new Set(taken);
  return [...keys].filter(([key]) => !takenSet.has(key)).map(([, id]) => id);
}
