import type { Logger } from "pino";
import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { CrmClient, CrmObjectType } from "../../ports/crm-client.js";
import type { HistoryCause } from "../../ports/record-store.js";
import { catchUpFeeds } from "../feeds/feed-polls.js";
import { loadPortalScoring } from "../pipeline/load-portal-scoring.js";
import { rescore } from "../rescore/rescore.js";
import type { JobHandlerDeps } from "../scores/scores-deps.js";
import type { JobHandler } from "./job-runner.js";

const IDS_PER_PASS = 1_000;

/** The total only feeds progress and ETA: a count HubSpot refuses must not stop the rescore itself. */
async function countOrNull(crm: CrmClient, object: CrmObjectType, logger: Logger): Promise<number | null> {
  try {
    return await crm.countRecords(object);
  } catch (error) {
    logger.warn({ err: error, object }, "could not count records; the rescore goes on without a total");
    return null;
  }
}

/**
 * Enable or update: every record of the score's object, retroactively (docs/scoring.md §Lifecycle),
 * a pass of up to 1,000 ids at a time, resuming from the saved cursor.
 */
export function createRescoreJob(deps: JobHandlerDeps): JobHandler {
  return async (job, report) => {
    const stored = await deps.scores.get(job.portalId, job.scoreId);
    // Disabled or deleted since the job was queued: nothing to write.
    if (stored?.definition.status !== "enabled") return { skipped: "score is not enabled" };
    const { definition } = stored;
    const cause = ((job.input as { cause?: HistoryCause } | undefined)?.cause ?? "enable") as HistoryCause;
    const crm = deps.crmFor(job.portalId);
    let { cursor } = job;
    const cursors = createPagingCursors(
      String(job.portalId),
      `${definition.object} record ids (rescore job)`,
    );
    let done = job.progress.done;
    const log = deps.logger.child({ portalId: job.portalId, jobId: job.id });
    // Counted once: a resumed job keeps the total it started with.
    let total = job.progress.total;
    if (total === null) {
      total = await countOrNull(crm, definition.object, log);
      // Shown at once: a first pass of 1,000 records can take a while on a busy portal.
      await report({ progress: { done, total }, cursor });
    }
    // A fresh job first reads the feeds its score reads up to now (docs/decisions.md §Portal-wide feeds).
    const { feeds } = deps;
    if (feeds && done === 0 && cursor === null) {
      const scoring = await loadPortalScoring(deps, job.portalId);
      if (scoring) {
        await catchUpFeeds({ ...deps, feeds }, scoring, definition);
      }
    }
    let updated = 0;
    const skipped: string[] = [];
    do {
      // Up to 1,000 ids per pass: associations are read 1,000 ids a call (docs/hubspot.md §Rate limits and batching), so
      // fewer, larger passes cost about a third fewer calls per record than pages of 100.
      const ids: string[] = [];
      do {
        const page = await crm.listRecordIds(definition.object, cursor);
        ids.push(...page.ids);
        cursor = page.after === null ? null : cursors.next(definition.object, page.after);
      } while (cursor !== null && ids.length < IDS_PER_PASS);
      // Only this score's due times are known: the others' may be earlier (DueIndex.lower).
      const outcome = await rescore(deps, {
        portalId: job.portalId,
        object: definition.object,
        ids,
        definitions: [definition],
        cause,
        busy: "wait",
        due: "lower",
      });
      done += ids.length;
      updated += outcome.updated;
      skipped.push(...outcome.skipped);
      await report({ progress: { done, total }, cursor });
    } while (cursor !== null);
    return { evaluated: done, updated, skipped };
  };
}
