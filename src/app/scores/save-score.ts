import { AppError } from "../../errors.js";
import type { ScoreRevision } from "../../ports/score-store.js";
import {
  DefinitionError,
  findPortalConflicts,
  parseDefinition,
  type ScoreDefinition,
} from "../../scoring/index.js";
import { provisionProperties } from "../provision-properties.js";
import { scorePropertySpec } from "../score-property-spec.js";
import { sourceWarnings } from "../sources/source-statuses.js";
import type { JobHandlerDeps, ScoresDeps } from "./scores-deps.js";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Create: a new score always starts as a draft (docs/scoring.md §Lifecycle); enabling is its own step. It
 * starts no job, so a job (the suggest job) may create one.
 */
export async function createScore(deps: JobHandlerDeps, portalId: number, input: unknown, author: string) {
  if (isObject(input) && input.status !== undefined && input.status !== "draft") {
    throw new DefinitionError([
      { path: "status", message: 'a new score starts as "draft"; enable it with POST …/enable' },
    ]);
  }
  const definition = parseDefinition(input);
  if (await deps.scores.get(portalId, definition.id)) {
    throw new AppError("conflict", `portal ${portalId} already has a score "${definition.id}"`, {
      path: "id",
    });
  }
  await checkPortal(deps, portalId, definition);
  const saved = await deps.scores.save(portalId, definition, {
    savedBy: author,
    savedAtMs: deps.now(),
    change: "create",
  });
  // Saved either way; the warnings say which rules count events the portal cannot supply now.
  return { ...saved, warnings: await sourceWarnings(deps, portalId, definition) };
}

/**
 * Update: status changes only through enable/disable. Updating an enabled score re-provisions its
 * properties and re-evaluates every record retroactively (docs/scoring.md §Lifecycle).
 */
export async function updateScore(
  deps: ScoresDeps,
  portalId: number,
  scoreId: string,
  input: unknown,
  author: string,
) {
  const current = await requireScore(deps, portalId, scoreId);
  if (!isObject(input)) throw new DefinitionError([{ path: "", message: "expected an object" }]);
  if (input.id !== undefined && input.id !== scoreId) {
    throw new DefinitionError([{ path: "id", message: `must be "${scoreId}" (the score being updated)` }]);
  }
  const status = current.definition.status;
  if (input.status !== undefined && input.status !== status) {
    throw new DefinitionError([
      { path: "status", message: `is "${status}"; change it with POST …/enable or …/disable` },
    ]);
  }
  const definition = parseDefinition({ ...input, id: scoreId, status });
  return saveChecked(deps, portalId, definition, author, "update");
}

/** Saves an earlier revision's definition as the newest one, keeping the current status. */
export async function restoreRevision(
  deps: ScoresDeps,
  portalId: number,
  scoreId: string,
  revision: number,
  author: string,
) {
  const current = await requireScore(deps, portalId, scoreId);
  const old = (await deps.scores.revisions(portalId, scoreId)).find((r) => r.revision === revision);
  if (!old) throw new AppError("not_found", `score "${scoreId}" has no revision ${revision}`);
  const definition = { ...old.definition, status: current.definition.status };
  return saveChecked(deps, portalId, definition, author, `restore ${revision}`);
}

async function saveChecked(
  deps: ScoresDeps,
  portalId: number,
  definition: ScoreDefinition,
  author: string,
  change: string,
) {
  const current = await requireScore(deps, portalId, definition.id);
  if (current.definition.object !== definition.object) {
    throw new DefinitionError([
      { path: "object", message: `is "${current.definition.object}" and cannot change; create a new score` },
    ]);
  }
  await checkPortal(deps, portalId, definition);
  if (definition.status === "enabled") {
    await provisionProperties(deps.crmFor(portalId), definition.object, [scorePropertySpec(definition)]);
  }
  const saved = await deps.scores.save(portalId, definition, {
    savedBy: author,
    savedAtMs: deps.now(),
    change,
  });
  if (definition.status === "enabled")
    await deps.startJob(portalId, "rescore", definition.id, { cause: "update" });
  return { ...saved, warnings: await sourceWarnings(deps, portalId, definition) };
}

export async function requireScore(
  deps: Pick<ScoresDeps, "scores">,
  portalId: number,
  scoreId: string,
): Promise<ScoreRevision> {
  const current = await deps.scores.get(portalId, scoreId);
  if (!current) throw new AppError("not_found", `portal ${portalId} has no score "${scoreId}"`);
  return current;
}

async function checkPortal(deps: JobHandlerDeps, portalId: number, definition: ScoreDefinition) {
  const others = (await deps.scores.list(portalId))
    .map((r) => r.definition)
    .filter((d) => d.id !== definition.id);
  const problems = findPortalConflicts(definition, others);
  if (problems.length > 0) throw new DefinitionError(problems);
}
