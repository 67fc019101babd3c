import type { Keyv } from "keyv";
import type { Job, JobStore } from "../../ports/job-store.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { deleteByPrefix } from "./delete-by-prefix.js";

/**
 * JobStore on keyv: `portal:job:id`, an index of unfinished jobs for resuming at start-up, and each
 * score's last finished job of a kind (`portal:last:kind:score`), which a later one replaces.
 */
export function createKeyvJobStore(keyv: Keyv<Job | string[]>): JobStore {
  const key = (portalId: number, jobId: string) => `${portalId}:job:${jobId}`;
  const lastKey = (portalId: number, scoreId: string, kind: string) => `${portalId}:last:${kind}:${scoreId}`;
  const openKey = "open";
  const exclusive = serializeByKey();
  const openIds = async () => ((await keyv.get(openKey)) as string[] | undefined) ?? [];
  return {
    async get(portalId, jobId) {
      return (await keyv.get(key(portalId, jobId))) as Job | undefined;
    },
    async save(job) {
      const k = key(job.portalId, job.id);
      await keyv.set(k, job);
      // A paused job is not finished: it stays in the index so a restart resumes it.
      const finished = job.status === "done" || job.status === "failed";
      if (finished) await keyv.set(lastKey(job.portalId, job.scoreId, job.kind), job);
      // The index is read-modify-write: two jobs saved at once must not drop each other's entry. This
      // orders writers of one process only; instances sharing a store can still race on it.
      await exclusive(openKey, async () => {
        const open = await openIds();
        if (finished && open.includes(k))
          await keyv.set(
            openKey,
            open.filter((id) => id !== k),
          );
        if (!finished && !open.includes(k)) await keyv.set(openKey, [...open, k]);
      });
    },
    async unfinished() {
      const jobs = await Promise.all((await openIds()).map((k) => keyv.get(k)));
      return jobs.filter((j): j is Job => j !== undefined && !Array.isArray(j));
    },
    async lastFinished(portalId, scoreId, kind) {
      return (await keyv.get(lastKey(portalId, scoreId, kind))) as Job | undefined;
    },
    async deletePortal(portalId) {
      await deleteByPrefix(keyv as Keyv<unknown>, `${portalId}:`);
      await exclusive(openKey, async () =>
        keyv.set(
          openKey,
          (await openIds()).filter((k) => !k.startsWith(`${portalId}:`)),
        ),
      );
    },
  };
}
