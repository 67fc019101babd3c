import { AppError } from "../../errors.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { ScoreDefinition } from "../../scoring/index.js";
import { requireScore } from "../scores/save-score.js";
import type { SnapshotTarget } from "./performance-snapshot.js";

/** The score and what its performance reads: a contact or company score's property. */
export async function requirePerformanceTarget(
  deps: { scores: ScoreStore },
  portalId: number,
  scoreId: string,
): Promise<{ definition: ScoreDefinition; target: SnapshotTarget }> {
  const { definition, revision } = await requireScore(deps, portalId, scoreId);
  const object = definition.object;
  if (object === "deals")
    throw new AppError(
      "invalid_input",
      `score "${scoreId}" is for deals, which have no lifecycle stage; performance needs a contact or company score`,
      { path: "scoreId" },
    );
  return { definition, target: { object, property: definition.property.name, revision } };
}
