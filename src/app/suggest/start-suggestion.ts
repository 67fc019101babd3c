import { randomBytes } from "node:crypto";
import { AppError } from "../../errors.js";
import type { CrmPropertyOption } from "../../ports/crm-client.js";
import type { Job } from "../../ports/job-store.js";
import type { StoredSuggestion, SuggestionRequest } from "../../ports/suggestion-store.js";
import { defaultNaming } from "../../suggest/index.js";
import { requireConnected } from "../scores/score-lifecycle.js";
import type { SuggestDeps, SuggestJobInput } from "./suggest-deps.js";
import { daysOf } from "./suggest-job.js";

// POST /scores/suggest and GET /scores/:scoreId/suggestion (docs/decisions.md §Suggested scores from
// HubSpot). The draft's id is chosen when the job starts, so the job can say which score it will make.

/** The portal's lifecycle stages, or undefined when HubSpot would not say (the job then finds no labels). */
async function lifecycleStages(
  deps: SuggestDeps,
  portalId: number,
  object: SuggestionRequest["object"],
): Promise<CrmPropertyOption[] | undefined> {
  try {
    const [stage] = await deps.crmFor(portalId).readProperties(object, ["lifecyclestage"]);
    return stage?.options;
  } catch (error) {
    deps.logger.warn({ portalId, err: error }, "could not read the lifecycle stages; suggesting unchecked");
    return undefined;
  }
}

function checkStage(stages: CrmPropertyOption[] | undefined, field: "from" | "to", value: string): string {
  if (stages === undefined) return value;
  const stage = stages.find((option) => option.value === value);
  if (stage) return stage.label || value;
  const known = stages.map((option) => option.value).join(", ");
  throw new AppError(
    "invalid_input",
    `${field}: "${value}" is not one of the portal's lifecycle stages (${known})`,
    {
      path: field,
    },
  );
}

/** A draft id no score of the portal has, and the property name that goes with it. */
async function chooseNaming(deps: SuggestDeps, portalId: number, request: SuggestionRequest, name: string) {
  const base = defaultNaming(request.object, request.type);
  for (;;) {
    const suffix = randomBytes(3).toString("hex");
    const id = `${base.id}-${suffix}`;
    if (!(await deps.scores.get(portalId, id)))
      return { id, name, propertyName: `${base.propertyName}_${suffix}` };
  }
}

export async function startSuggestion(
  deps: SuggestDeps,
  portalId: number,
  request: SuggestionRequest,
  author: string,
): Promise<Job> {
  await requireConnected(deps, portalId);
  const stages = await lifecycleStages(deps, portalId, request.object);
  const fromLabel = checkStage(stages, "from", request.from);
  const toLabel = checkStage(stages, "to", request.to);
  const name = `Suggested ${request.type}: ${fromLabel} → ${toLabel} within ${daysOf(request.withinDays)}`;
  const naming = await chooseNaming(deps, portalId, request, name);
  const input: SuggestJobInput = { request, author, naming, stages: { from: fromLabel, to: toLabel } };
  return deps.startJob(portalId, "suggest", naming.id, input);
}

export async function readSuggestion(
  deps: Pick<SuggestDeps, "suggestions">,
  portalId: number,
  scoreId: string,
): Promise<StoredSuggestion> {
  const suggestion = await deps.suggestions.get(portalId, scoreId);
  if (!suggestion)
    throw new AppError("not_found", `score "${scoreId}" of portal ${portalId} was not suggested`);
  return suggestion;
}
