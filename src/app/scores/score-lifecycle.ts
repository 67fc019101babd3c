import { AppError } from "../../errors.js";
import { scorePropertyNames } from "../../scoring/index.js";
import { provisionProperties } from "../provision-properties.js";
import { scorePropertySpec } from "../score-property-spec.js";
import { sourceWarnings } from "../sources/source-statuses.js";
import { requireScore } from "./save-score.js";
import type { ScoresDeps } from "./scores-deps.js";

// docs/scoring.md §Lifecycle: enable (provision, then every record retroactively),
// disable (values stay), delete (optionally the properties too).

export async function requireConnected(deps: Pick<ScoresDeps, "installations">, portalId: number) {
  const installation = await deps.installations.get(portalId);
  if (!installation) throw new AppError("not_found", `portal ${portalId} is not installed`);
  if (installation.status === "disconnected") {
    throw new AppError("disconnected", `portal ${portalId} is disconnected: reinstall the app to resume`);
  }
}

export async function enableScore(deps: ScoresDeps, portalId: number, scoreId: string, author: string) {
  const current = await requireScore(deps, portalId, scoreId);
  await requireConnected(deps, portalId);
  const definition = { ...current.definition, status: "enabled" as const };
  await provisionProperties(deps.crmFor(portalId), definition.object, [scorePropertySpec(definition)]);
  const revision = await deps.scores.save(portalId, definition, {
    savedBy: author,
    savedAtMs: deps.now(),
    change: "enable",
  });
  const job = await deps.startJob(portalId, "rescore", scoreId, { cause: "enable" });
  return { revision, job, warnings: await sourceWarnings(deps, portalId, definition) };
}

export async function disableScore(deps: ScoresDeps, portalId: number, scoreId: string, author: string) {
  const current = await requireScore(deps, portalId, scoreId);
  if (current.definition.status === "disabled") return { revision: current };
  const definition = { ...current.definition, status: "disabled" as const };
  return {
    revision: await deps.scores.save(portalId, definition, {
      savedBy: author,
      savedAtMs: deps.now(),
      change: "disable",
    }),
  };
}

export async function deleteScore(
  deps: ScoresDeps,
  portalId: number,
  scoreId: string,
  deleteProperties: boolean,
) {
  const { definition } = await requireScore(deps, portalId, scoreId);
  if (deleteProperties) {
    await requireConnected(deps, portalId);
    const names = scorePropertyNames(definition.property.name, definition.type);
    await deps.crmFor(portalId).archiveProperties(definition.object, names);
  }
  await deps.scores.delete(portalId, scoreId);
  await deps.performanceSnapshots?.deleteScore(portalId, scoreId);
  await deps.suggestions?.delete(portalId, scoreId);
  deps.logger.info({ portalId, scoreId, deleteProperties }, "score deleted");
  return { deleted: scoreId, propertiesDeleted: deleteProperties };
}
