import { AppError } from "../../errors.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { RecordStore } from "../../ports/record-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { ObjectType } from "../../scoring/index.js";
import { buildCardScore, type CardScore } from "./build-card-score.js";

// The record card's data (docs/decisions.md §Record card): every enabled score of the record's object,
// read from the stores only. The card is on HubSpot's record page, so each call must be cheap and must
// not spend the portal's API budget: no HubSpot call here.

export type RecordScoresDeps = {
  installations: Pick<InstallationStore, "get">;
  scores: Pick<ScoreStore, "list">;
  records: Pick<RecordStore, "history" | "resets">;
  now: () => number;
};

export type RecordScores = {
  portalId: number;
  objectType: ObjectType;
  recordId: string;
  scores: CardScore[];
};

/** Throws AppError("not_found") for a portal that has not installed the app (or was erased). */
export async function readRecordScores(
  deps: RecordScoresDeps,
  ref: { portalId: number; object: ObjectType; recordId: string },
): Promise<RecordScores> {
  const { portalId, object, recordId } = ref;
  if (!(await deps.installations.get(portalId))) {
    throw new AppError("not_found", `portal ${portalId} has not installed lead-score`, { portalId });
  }
  const enabled = (await deps.scores.list(portalId))
    .map((revision) => revision.definition)
    .filter((definition) => definition.object === object && definition.status === "enabled")
    .sort((a, b) => a.name.localeCompare(b.name));
  const [history, resets] = await Promise.all([
    deps.records.history({ portalId, object, recordId }),
    deps.records.resets(portalId, object, [recordId]),
  ]);
  const nowMs = deps.now();
  const resetAt = resets.get(recordId) ?? {};
  return {
    portalId,
    objectType: object,
    recordId,
    scores: enabled.map((definition) => buildCardScore(definition, history, resetAt[definition.id], nowMs)),
  };
}
