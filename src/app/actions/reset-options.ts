import type { ResetOptionsRequest } from "../../hubspot/parse-action-request.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { ScoreStore } from "../../ports/score-store.js";

export type ResetOption = { label: string; value: string; description: string };

/**
 * The score select of the reset action (docs/hubspot.md §Workflow action component, options fetch): the portal's enabled
 * engagement and combined scores of the workflow's object type, filtered by `q`.
 */
export async function listResetOptions(
  deps: { installations: InstallationStore; scores: ScoreStore },
  request: ResetOptionsRequest,
): Promise<{ options: ResetOption[]; searchable: true }> {
  if (!(await deps.installations.get(request.portalId))) return { options: [], searchable: true };
  const options = (await deps.scores.list(request.portalId))
    .map((r) => r.definition)
    .filter((d) => d.status === "enabled" && d.type !== "fit")
    .filter((d) => request.objectType === undefined || d.object === request.objectType)
    .filter((d) => request.q === "" || `${d.name} ${d.id}`.toLowerCase().includes(request.q))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((d) => ({
      label: d.name,
      value: d.id,
      description: `${d.type} score on ${d.object} (${d.property.name})`,
    }));
  return { options, searchable: true };
}
