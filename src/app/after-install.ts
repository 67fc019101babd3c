import type { Logger } from "pino";
import type { OnInstalled } from "./install-portal.js";
import { type ProvisionEnabledScoresDeps, provisionEnabledScores } from "./provision-enabled-scores.js";

export type AfterInstallDeps = ProvisionEnabledScoresDeps & {
  /** The job runner's resumePortal: jobs paused while the portal was disconnected run again. */
  resumeJobs?: (portalId: number) => Promise<number>;
  logger: Pick<Logger, "info" | "error">;
};

/**
 * The install's follow-up (docs/decisions.md §Provision on every install): provision first, so resumed jobs
 * write into properties that exist, then resume the portal's paused work. Never throws: the install page must
 * still succeed.
 */
export function createAfterInstall(deps: AfterInstallDeps): OnInstalled {
  return async (portalId) => {
    const notes = await provisionEnabledScores(deps, portalId);
    if (!deps.resumeJobs) return notes;
    try {
      const resumed = await deps.resumeJobs(portalId);
      if (resumed > 0) deps.logger.info({ portalId, resumed }, "resumed paused jobs after install");
    } catch (error) {
      deps.logger.error({ portalId, err: error }, "could not resume paused jobs after install");
      notes.push("Paused score updates could not be resumed yet; they resume when lead-score restarts.");
    }
    return notes;
  };
}
