import type { InstallationStore } from "../../ports/installation-store.js";
import type { JobStore } from "../../ports/job-store.js";
import type { PerformanceSnapshotStore } from "../../ports/performance-snapshot-store.js";
import type { RecordStore } from "../../ports/record-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { StartJob } from "../scores/scores-deps.js";
import { startPerformanceBuild } from "./performance-job.js";
import { isSnapshotOf, refreshPerformanceSnapshot } from "./performance-snapshot.js";

export type RefreshPerformanceDeps = {
  installations: InstallationStore;
  scores: ScoreStore;
  records: RecordStore;
  performanceSnapshots: PerformanceSnapshotStore;
  jobs: Pick<JobStore, "unfinished">;
  startJob: StartJob;
  now: () => number;
};

/**
 * The daily "performance-snapshots" task (docs/architecture.md §Scheduled tasks): every enabled contact and
 * company score of every connected portal has its snapshot brought up to date, or its first build started,
 * so a request reads little more than the day's histories (docs/decisions.md §Score performance).
 */
export async function refreshPerformanceSnapshots(deps: RefreshPerformanceDeps) {
  let refreshed = 0;
  let reread = 0;
  let builds = 0;
  for (const installation of await deps.installations.list()) {
    if (installation.status !== "connected") continue;
    const portalId = installation.portalId;
    for (const { definition, revision } of await deps.scores.list(portalId)) {
      if (definition.status !== "enabled" || definition.object === "deals") continue;
      const target = { object: definition.object, property: definition.property.name, revision };
      const head = await deps.performanceSnapshots.head(portalId, definition.id);
      if (head && isSnapshotOf(head, target)) {
        reread += await refreshPerformanceSnapshot(deps, portalId, definition.id, head);
        refreshed++;
      } else {
        await startPerformanceBuild(deps, portalId, definition.id);
        builds++;
      }
    }
  }
  return { refreshed, reread, builds };
}
