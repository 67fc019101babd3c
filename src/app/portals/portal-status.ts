import { AppError } from "../../errors.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { ScoreStore } from "../../ports/score-store.js";

/** GET /api/portals/:portalId: installation status, granted scopes, and whether it is disconnected. */
export async function portalStatus(
  deps: { installations: InstallationStore; scores: ScoreStore },
  portalId: number,
) {
  const installation = await deps.installations.get(portalId);
  if (!installation) throw new AppError("not_found", `portal ${portalId} is not installed`);
  const scores = await deps.scores.list(portalId);
  return {
    portalId,
    status: installation.status,
    disconnected: installation.status === "disconnected",
    ...(installation.disconnectReason ? { disconnectReason: installation.disconnectReason } : {}),
    scopes: installation.scopes,
    installedAt: new Date(installation.installedAtMs).toISOString(),
    scores: {
      total: scores.length,
      enabled: scores.filter((s) => s.definition.status === "enabled").length,
    },
  };
}
