import type { Logger } from "pino";
import { AppError } from "../../errors.js";
import type { ActionStore } from "../../ports/action-store.js";
import type { FeedEventStore } from "../../ports/feed-event-store.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { JobStore } from "../../ports/job-store.js";
import type { OAuthClient } from "../../ports/oauth-client.js";
import type { PerformanceSnapshotStore } from "../../ports/performance-snapshot-store.js";
import type { RecordStore } from "../../ports/record-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { SourceStatusStore } from "../../ports/source-status-store.js";
import type { StageEntryStore } from "../../ports/stage-entry-store.js";
import type { SuggestionStore } from "../../ports/suggestion-store.js";
import type { TokenCipher } from "../../ports/token-cipher.js";
import { tokenContext } from "../seal-grant.js";

export type ErasePortalDeps = {
  installations: InstallationStore;
  scores: ScoreStore;
  records: RecordStore;
  jobs: JobStore;
  /** Workflow-action answers kept for idempotency. */
  actions?: ActionStore;
  /** What went wrong reading the portal's event sources. */
  sourceStatus?: SourceStatusStore;
  /** Contacts' marketing email events and form submissions, and the feeds' cursors. */
  feeds?: FeedEventStore;
  /** When records entered lifecycle stages, as last read (score performance). */
  stageEntries?: StageEntryStore;
  /** Scores' performance snapshots. */
  performanceSnapshots?: PerformanceSnapshotStore;
  /** Suggested drafts' evidence. */
  suggestions?: SuggestionStore;
  cipher: TokenCipher;
  /** Absent in sandbox mode without HubSpot credentials: nothing to revoke at HubSpot then. */
  oauth: OAuthClient | undefined;
  logger: Logger;
};

/**
 * DELETE /api/portals/:portalId (docs/decisions.md §Erasing a portal): revoke the refresh token, then erase
 * everything held for the portal. A revoke HubSpot refuses (already revoked, uninstalled) does not stop the
 * erasure.
 */
export async function erasePortal(deps: ErasePortalDeps, portalId: number) {
  const installation = await deps.installations.get(portalId);
  if (!installation) throw new AppError("not_found", `portal ${portalId} is not installed`);
  let revoked = false;
  if (deps.oauth && installation.status === "connected") {
    try {
      await deps.oauth.revokeRefreshToken(
        deps.cipher.open(installation.refreshTokenSealed, tokenContext(portalId)),
      );
      revoked = true;
    } catch (error) {
      deps.logger.warn({ portalId, err: error }, "refresh token revoke failed; erasing anyway");
    }
  }
  await Promise.all([
    deps.scores.deletePortal(portalId),
    deps.records.deletePortal(portalId),
    deps.jobs.deletePortal(portalId),
    deps.actions?.deletePortal(portalId),
    deps.sourceStatus?.deletePortal(portalId),
    deps.feeds?.deletePortal(portalId),
    deps.stageEntries?.deletePortal(portalId),
    deps.performanceSnapshots?.deletePortal(portalId),
    deps.suggestions?.deletePortal(portalId),
  ]);
  await deps.installations.delete(portalId);
  deps.logger.info({ portalId, revoked }, "portal erased");
  return { erased: portalId, refreshTokenRevoked: revoked };
}
