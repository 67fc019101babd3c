import type { Keyv } from "keyv";
import {
  EVENT_SOURCE_NAMES,
  type EventSourceName,
  type SourceProblem,
  type SourceStatusStore,
} from "../../ports/source-status-store.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/** SourceStatusStore on keyv: `portal:source` → the source's last problem; no key while it reads fine. */
export function createKeyvSourceStatusStore(keyv: Keyv<SourceProblem>): SourceStatusStore {
  const key = (portalId: number, source: EventSourceName) => `${portalId}:${source}`;
  return {
    async problems(portalId) {
      const values = await keyv.getMany(EVENT_SOURCE_NAMES.map((source) => key(portalId, source)));
      const found: Partial<Record<EventSourceName, SourceProblem>> = {};
      EVENT_SOURCE_NAMES.forEach((source, index) => {
        const value = values[index];
        if (value) found[source] = value;
      });
      return found;
    },
    async recordProblem(portalId, source, problem) {
      await keyv.set(key(portalId, source), problem);
    },
    async recordSuccess(portalId, source) {
      // Read first: a success is the common case and most often has nothing to forget.
      if ((await keyv.get(key(portalId, source))) !== undefined) await keyv.delete(key(portalId, source));
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
    },
  };
}
