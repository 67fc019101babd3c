import { AppError } from "../../errors.js";
import type { Job, JobStore } from "../../ports/job-store.js";
import { provisionProperties } from "../provision-properties.js";
import { scorePropertySpec } from "../score-property-spec.js";
import { requireScore } from "./save-score.js";
import { requireConnected } from "./score-lifecycle.js";
import type { ScoresDeps } from "./scores-deps.js";

/**
 * POST …/scores/:scoreId/rescore (`lead-score rescore`): every record of an enabled score again, as
 * a background job in this app, so the rescore spends the portal's one shared budget. A score
 * that is not enabled is refused rather than enabled on the side: enabling is a decision of its own.
 * A rescore of the score already queued or running is answered instead of starting a second one.
 */
export async function rescoreScore(
  deps: ScoresDeps & { jobs: JobStore },
  portalId: number,
  scoreId: string,
): Promise<{ job: Job; started: boolean }> {
  const { definition } = await requireScore(deps, portalId, scoreId);
  if (definition.status !== "enabled") {
    throw new AppError(
      "conflict",
      `score "${scoreId}" is ${definition.status}, not enabled: enable it (POST /api/portals/${portalId}/scores/${scoreId}/enable), which rescores every record`,
    );
  }
  await requireConnected(deps, portalId);
  const running = (await deps.jobs.unfinished()).find(
    (job) =>
      job.portalId === portalId &&
      job.kind === "rescore" &&
      job.scoreId === scoreId &&
      (job.status === "queued" || job.status === "running"),
  );
  if (running) return { job: running, started: false };
  // As enable does: idempotent, and it restores a score property someone deleted in HubSpot,
  // which would otherwise fail every write of the job.
  await provisionProperties(deps.crmFor(portalId), definition.object, [scorePropertySpec(definition)]);
  const job = await deps.startJob(portalId, "rescore", scoreId, { cause: "rescore" });
  deps.logger.info({ portalId, scoreId, jobId: job.id }, "rescore started");
  return { job, started: true };
}
