import type { ResetActionRequest } from "../../hubspot/parse-action-request.js";
import type { ActionAnswer, ActionStore, StoredAction } from "../../ports/action-store.js";
import { type ObjectType, round2, type ScoreDefinition } from "../../scoring/index.js";
import { serializeByKey } from "../../serialize-by-key.js";
import { rescore } from "../rescore/rescore.js";
import type { ScoresDeps } from "../scores/scores-deps.js";

export type ResetActionDeps = ScoresDeps & {
  actions: ActionStore;
  /**
   * HubSpot waits for the answer; past this the action answers BLOCK and completes later
   * (docs/decisions.md §Reset workflow action: about 1 s).
   */
  answerWithinMs: number;
};

// Output fields of workflow-actions/reset-score.json; execution rules there turn error codes into text.
export const resetErrorCodes = [
  "UNKNOWN_PORTAL",
  "PORTAL_DISCONNECTED",
  "MISSING_SCORE",
  "UNKNOWN_SCORE",
  "WRONG_OBJECT_TYPE",
  "FIT_ONLY_SCORE",
  "SCORE_NOT_ENABLED",
  "UNKNOWN_RECORD",
  "WRITE_FAILED",
  // Answered by the route when anything else goes wrong: never a 500 to a workflow.
  "INTERNAL_ERROR",
] as const;
export type ResetErrorCode = (typeof resetErrorCodes)[number];

const scoredObjects: ReadonlySet<string> = new Set(["contacts", "companies", "deals"]);
const fail = (error_code: ResetErrorCode): ActionAnswer => ({
  outputFields: { hs_execution_state: "FAIL_CONTINUE", error_code },
});
const asText = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : String(round2(value));
const once = serializeByKey();

/**
 * The "reset score" workflow action (docs/decisions.md §Reset workflow action; docs/scoring.md §Resets):
 * store the reset at now, recompute, write, answer SUCCESS within `answerWithinMs` or BLOCK and complete the
 * callback when the write lands. Idempotent on callbackId: a retry gets the first answer, the reset never
 * moves.
 */
export function handleResetAction(deps: ResetActionDeps, request: ResetActionRequest): Promise<ActionAnswer> {
  return once(`${request.portalId}:${request.callbackId}`, async () => {
    const earlier = await deps.actions.get(request.portalId, request.callbackId);
    if (earlier) return earlier.answer;
    const { answer, owed } = await firstAnswer(deps, request);
    const action: StoredAction = {
      portalId: request.portalId,
      callbackId: request.callbackId,
      answer,
      answeredAtMs: deps.now(),
      ...(owed ? { owed: owed.owed } : {}),
    };
    // Saved before the callback can be completed: a callback owed when the process stops is in the
    // store, and resumeOwedCallbacks completes it after the next start.
    await deps.actions.save(action);
    if (owed) void completeCallback(deps, action, owed.write);
    return answer;
  });
}

type FirstAnswer = { answer: ActionAnswer; owed?: { owed: Owed; write: Promise<ActionAnswer> } };
type Owed = NonNullable<StoredAction["owed"]>;

async function firstAnswer(deps: ResetActionDeps, request: ResetActionRequest): Promise<FirstAnswer> {
  const checked = await check(deps, request);
  if ("outputFields" in checked) return { answer: checked };
  const { definition, object } = checked;
  const crm = deps.crmFor(request.portalId);
  const [current] = await crm.readRecords(object, [request.objectId], [definition.property.name]);
  if (!current) return { answer: fail("UNKNOWN_RECORD") };
  const previous = current.properties[definition.property.name] ?? "";
  const ref = { portalId: request.portalId, object, recordId: request.objectId };
  await deps.records.setReset(ref, definition.id, deps.now());
  deps.logger.info(
    { ...ref, scoreId: definition.id, reason: request.reason, callbackId: request.callbackId },
    "score reset by workflow",
  );

  const write = writeReset(deps, request.portalId, definition, request.objectId, previous);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), deps.answerWithinMs);
  });
  const first = await Promise.race([write, late]);
  clearTimeout(timer);
  if (first !== "late") return { answer: first };
  // Too slow for HubSpot's wait: hold the enrollment and complete it when the write lands (docs/hubspot.md §Workflow action responses, §Workflow action callbacks).
  const owed = { object, recordId: request.objectId, scoreId: definition.id, previousScore: previous };
  return { answer: blocked, owed: { owed, write } };
}

/** Rescores the reset record and says what to answer: SUCCESS with both values, or WRITE_FAILED. */
function writeReset(
  deps: ResetActionDeps,
  portalId: number,
  definition: ScoreDefinition,
  recordId: string,
  previous: string,
): Promise<ActionAnswer> {
  const ref = { portalId, object: definition.object, recordId };
  return rescore(deps, {
    portalId,
    object: definition.object,
    ids: [recordId],
    definitions: [definition],
    cause: "reset",
    reasonsOf: () => [{ kind: "reset", by: "workflow" }],
    busy: "wait",
    due: "lower",
  }).then(
    (report): ActionAnswer => ({
      outputFields: {
        hs_execution_state: "SUCCESS",
        previous_score: previous,
        new_score: asText(report.records[0]?.results[0]?.score),
      },
    }),
    (error: unknown): ActionAnswer => {
      deps.logger.error({ ...ref, err: error }, "reset written but rescoring failed");
      return fail("WRITE_FAILED");
    },
  );
}

/**
 * Completes a BLOCK answer's callback once its write lands, then marks it done. A callback HubSpot
 * does not take (after the door's retries) stays owed, for the next start to try again.
 */
async function completeCallback(deps: ResetActionDeps, action: StoredAction, write: Promise<ActionAnswer>) {
  const answer = await write;
  try {
    await deps.crmFor(action.portalId).completeActionCallback(action.callbackId, answer.outputFields);
    const { owed: _done, ...completed } = action;
    await deps.actions.save({ ...completed, completedAtMs: deps.now() });
  } catch (error) {
    deps.logger.error(
      { portalId: action.portalId, callbackId: action.callbackId, err: error },
      "could not complete the workflow callback; it is tried again at the next start",
    );
  }
}

/** HubSpot's wait for a BLOCK answer (hs_expiration_duration); past it the workflow has moved on. */
const BLOCK_EXPIRES_MS = 60 * 60 * 1000;

/**
 * Completes the callbacks a stopped process still owed (docs/decisions.md §Reset workflow action):
 * the reset itself was stored before the BLOCK answer, so the record is rescored again and HubSpot
 * hears the values. A callback past HubSpot's one-hour wait is dropped, since the workflow went on.
 */
export async function resumeOwedCallbacks(deps: ResetActionDeps): Promise<number> {
  let resumed = 0;
  for (const action of await deps.actions.owed()) {
    const owed = action.owed as Owed;
    const log = { portalId: action.portalId, callbackId: action.callbackId };
    if (deps.now() - action.answeredAtMs > BLOCK_EXPIRES_MS) {
      const { owed: _expired, ...dropped } = action;
      await deps.actions.save(dropped);
      deps.logger.warn(log, "workflow callback owed past HubSpot's one-hour wait: dropped");
      continue;
    }
    const stored = await deps.scores.get(action.portalId, owed.scoreId);
    const write =
      stored?.definition.status === "enabled"
        ? writeReset(deps, action.portalId, stored.definition, owed.recordId, owed.previousScore)
        : Promise.resolve(fail(stored ? "SCORE_NOT_ENABLED" : "UNKNOWN_SCORE"));
    await completeCallback(deps, action, write);
    resumed++;
  }
  return resumed;
}

const blocked: ActionAnswer = {
  outputFields: { hs_execution_state: "BLOCK", hs_expiration_duration: "PT1H" },
};

async function check(
  deps: ResetActionDeps,
  request: ResetActionRequest,
): Promise<ActionAnswer | { definition: ScoreDefinition; object: ObjectType }> {
  const installation = await deps.installations.get(request.portalId);
  if (!installation) return fail("UNKNOWN_PORTAL");
  if (installation.status === "disconnected") return fail("PORTAL_DISCONNECTED");
  if (!scoredObjects.has(request.objectType)) return fail("WRONG_OBJECT_TYPE");
  if (request.scoreId === undefined) return fail("MISSING_SCORE");
  const stored = await deps.scores.get(request.portalId, request.scoreId);
  if (!stored) return fail("UNKNOWN_SCORE");
  const { definition } = stored;
  if (definition.object !== request.objectType) return fail("WRONG_OBJECT_TYPE");
  // A reset restarts the engagement part; a fit score has none (docs/scoring.md §Resets).
  if (definition.type === "fit") return fail("FIT_ONLY_SCORE");
  if (definition.status !== "enabled") return fail("SCORE_NOT_ENABLED");
  return { definition, object: definition.object };
}
