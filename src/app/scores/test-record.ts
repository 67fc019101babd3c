import { AppError } from "../../errors.js";
import { parseDefinition } from "../../scoring/index.js";
import { evaluateRecords } from "../evaluate-records.js";
import { withSourceWarnings } from "../sources/with-source-warnings.js";
import { requireScore } from "./save-score.js";
import type { ScoresDeps } from "./scores-deps.js";

/**
 * "Test a record" (docs/scoring.md §Lifecycle): one record read through the door and evaluated with its
 * explanation, on the stored definition or an edit sent with the request. Works on drafts.
 */
export async function testRecord(
  deps: ScoresDeps,
  portalId: number,
  scoreId: string,
  request: { recordId: string; definition?: unknown },
) {
  const stored = (await requireScore(deps, portalId, scoreId)).definition;
  const definition =
    request.definition === undefined
      ? stored
      : parseDefinition({ ...(request.definition as object), id: scoreId, status: stored.status });
  const evaluateDeps = {
    crm: deps.crmFor(portalId),
    records: deps.records,
    logger: deps.logger,
    ...(deps.feeds ? { feeds: deps.feeds } : {}),
    sourceStatus: deps.sourceStatus,
  };
  const evaluated = await evaluateRecords(
    evaluateDeps,
    portalId,
    definition.object,
    [request.recordId],
    [definition],
    {
      atMs: deps.now(),
      explain: true,
    },
  );
  const result = evaluated.records[0]?.results[0];
  if (!result) {
    if (evaluated.skipped.length > 0) {
      throw new AppError("invalid_input", `record ${request.recordId} could not be read as a snapshot`, {
        path: "recordId",
      });
    }
    throw new AppError(
      "not_found",
      `portal ${portalId} has no ${definition.object} record ${request.recordId}`,
    );
  }
  return { result, warnings: await withSourceWarnings(deps, portalId, definition, evaluated.warnings) };
}
