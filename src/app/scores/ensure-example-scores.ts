import type { Job } from "../../ports/job-store.js";
import { createScore } from "./save-score.js";
import { enableScore } from "./score-lifecycle.js";
import type { ScoresDeps } from "./scores-deps.js";

export type ExampleScoreOutcome = { scoreId: string; object: string; job: Job | null };

/**
 * The quick start (docs/decisions.md §Quick start): the example scores, created and enabled through the same
 * use cases as the admin API, so they are validated, provisioned and rescored retroactively like any score. A
 * score the portal holds already is left as it is (a person may have edited or disabled it); its outcome has
 * no job.
 */
export async function ensureExampleScores(
  deps: ScoresDeps,
  portalId: number,
  definitions: readonly unknown[],
  author: string,
): Promise<ExampleScoreOutcome[]> {
  const outcomes: ExampleScoreOutcome[] = [];
  for (const input of definitions) {
    const id = (input as { id?: unknown }).id;
    const existing = typeof id === "string" ? await deps.scores.get(portalId, id) : undefined;
    if (existing) {
      outcomes.push({ scoreId: existing.definition.id, object: existing.definition.object, job: null });
      continue;
    }
    const created = await createScore(deps, portalId, input, author);
    const { job } = await enableScore(deps, portalId, created.definition.id, author);
    outcomes.push({ scoreId: created.definition.id, object: created.definition.object, job });
  }
  return outcomes;
}
