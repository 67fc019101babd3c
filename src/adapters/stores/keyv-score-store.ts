import type { Keyv } from "keyv";
import type { ScoreRevision, ScoreStore } from "../../ports/score-store.js";
import { serializeByKey } from "../../serialize-by-key.js";

type Entry = { revisions: ScoreRevision[] };
type Index = { scoreIds: string[] };

/** ScoreStore on keyv: one entry per score holding its revisions, and an index per portal. */
export function createKeyvScoreStore(keyv: Keyv<Entry | Index>): ScoreStore {
  const exclusive = serializeByKey();
  const scoreKey = (portalId: number, scoreId: string) => `${portalId}:score:${scoreId}`;
  const indexKey = (portalId: number) => `${portalId}:index`;
  const readEntry = async (portalId: number, scoreId: string) =>
    (await keyv.get(scoreKey(portalId, scoreId))) as Entry | undefined;
  const readIndex = async (portalId: number) =>
    ((await keyv.get(indexKey(portalId))) as Index | undefined)?.scoreIds ?? [];

  const store: ScoreStore = {
    async list(portalId) {
      const entries = await Promise.all((await readIndex(portalId)).map((id) => readEntry(portalId, id)));
      return entries.flatMap((e) => (e ? [e.revisions[e.revisions.length - 1] as ScoreRevision] : []));
    },
    async get(portalId, scoreId) {
      return (await readEntry(portalId, scoreId))?.revisions.at(-1);
    },
    save(portalId, definition, meta) {
      return exclusive(String(portalId), async () => {
        const entry = (await readEntry(portalId, definition.id)) ?? { revisions: [] };
        const revision: ScoreRevision = {
          revision: (entry.revisions.at(-1)?.revision ?? 0) + 1,
          definition,
          ...meta,
        };
        await keyv.set(scoreKey(portalId, definition.id), { revisions: [...entry.revisions, revision] });
        const ids = await readIndex(portalId);
        if (!ids.includes(definition.id))
          await keyv.set(indexKey(portalId), { scoreIds: [...ids, definition.id] });
        return revision;
      });
    },
    async revisions(portalId, scoreId) {
      return (await readEntry(portalId, scoreId))?.revisions ?? [];
    },
    delete(portalId, scoreId) {
      return exclusive(String(portalId), async () => {
        const existed = await keyv.delete(scoreKey(portalId, scoreId));
        const ids = await readIndex(portalId);
        await keyv.set(indexKey(portalId), { scoreIds: ids.filter((id) => id !== scoreId) });
        return existed;
      });
    },
    async deletePortal(portalId) {
      for (const id of await readIndex(portalId)) await store.delete(portalId, id);
      await keyv.delete(indexKey(portalId));
    },
  };
  return store;
}
