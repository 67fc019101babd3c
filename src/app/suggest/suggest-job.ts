import { AppError } from "../../errors.js";
import type { CrmClient } from "../../ports/crm-client.js";
import type { SuggestionRequest } from "../../ports/suggestion-store.js";
import type { RecordSnapshot } from "../../scoring/index.js";
import { hasEnoughLabels, minimumLabels, suggestScore } from "../../suggest/index.js";
import type { LabelCounts } from "../../suggest/label-outcomes.js";
import type { Outcome } from "../../suggest/suggestion.js";
import type { JobHandler } from "../jobs/job-runner.js";
import { createScore } from "../scores/save-score.js";
import { catchUpSuggestionFeeds } from "./catch-up-suggestion-feeds.js";
import { loadSuggestionRecords } from "./load-suggestion-records.js";
import { planSuggestionLoad } from "./plan-suggestion-load.js";
import { readStageLabels } from "./read-stage-labels.js";
import type { SuggestJobDeps, SuggestJobInput } from "./suggest-deps.js";

type StageWords = NonNullable<SuggestJobInput["stages"]>;

export const daysOf = (days: number) => (days === 1 ? "1 day" : `${days} days`);

// The suggest job (docs/decisions.md §Suggested scores from HubSpot): label every record of the object
// from its lifecycle stage entries, load the labelled ones as they were at their decision instants, hand
// them to the suggestion core, and save its draft through the score lifecycle with the evidence beside it.
// Its figures are in memory, so a restarted job starts again from the top (like a whole-portal preview).

/** Labelled records loaded at a time: each page's histories and events are reduced before the next. */
const LOAD_PAGE = 200;
/** The split's seed: the same portal data gives the same draft (docs/scoring.md §Suggested scores). */
const SEED = 1;

/** Refused before loading anything: the core would refuse the same counts (docs/scoring.md §Suggested scores). */
function refuseTooFew(
  { outcomes, leftOut }: LabelCounts,
  request: SuggestionRequest,
  stages: StageWords,
): void {
  const converted = outcomes.filter((outcome) => outcome.converted).length;
  const notConverted = outcomes.length - converted;
  if (hasEnoughLabels({ labelled: outcomes.length, converted, notConverted })) return;
  const within = `within ${daysOf(request.withinDays)}`;
  const reasons: Record<keyof LabelCounts["leftOut"], string> = {
    neverReachedStart: `never reached ${stages.from}`,
    insideTimeFrame: `reached ${stages.from} less than ${daysOf(request.withinDays)} ago`,
    reachedEndFirst: `reached ${stages.to} before ${stages.from}`,
  };
  const left = Object.entries(leftOut)
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => `${count} ${reasons[reason as keyof typeof reasons] ?? reason}`);
  throw new AppError(
    "too_few_labels",
    `too few labelled records: ${outcomes.length} labelled (${converted} reached ${stages.to} ${within}, ` +
      `${notConverted} did not)${left.length > 0 ? `; left out: ${left.join(", ")}` : ""}; ` +
      `a suggestion needs at least ${minimumLabels.labelled}, with at least ${minimumLabels.perClass} of each`,
    { counts: { labelled: outcomes.length, converted, notConverted } },
  );
}

async function countOrNull(crm: CrmClient, object: "contacts" | "companies"): Promise<number | null> {
  try {
    return await crm.countRecords(object);
  } catch {
    return null;
  }
}

export function createSuggestJob(deps: SuggestJobDeps): JobHandler {
  return async (job, report) => {
    const {
      request,
      author,
      naming,
      stages = { from: request.from, to: request.to },
    } = job.input as SuggestJobInput;
    // Already saved by this job before a restart: its result stands.
    const saved = await deps.suggestions.get(job.portalId, job.scoreId);
    if (saved?.jobId === job.id) return { scoreId: job.scoreId, evidence: saved.evidence };
    const crm = deps.crmFor(job.portalId);
    const atMs = deps.now();
    const total = await countOrNull(crm, request.object);
    await report({ progress: { done: 0, total }, cursor: null });
    const labels = await readStageLabels(crm, request, atMs, (read) =>
      report({
        progress: { done: read, total: total === null ? null : Math.max(total, read) },
        cursor: null,
      }),
    );
    refuseTooFew(labels, request, stages);
    const read = Object.values(labels.leftOut).reduce((sum, n) => sum + n, labels.outcomes.length);
    const outcomes: Outcome[] = labels.outcomes;
    // From here the total adds the labelled records to load, so the bar is not full while the feeds are read.
    const progressTotal = read + outcomes.length;
    await report({ progress: { done: read, total: progressTotal }, cursor: null });
    if (request.type === "engagement" && deps.feeds)
      await catchUpSuggestionFeeds(deps, deps.feeds, job.portalId);
    const { plan, properties, companyProperties } = await planSuggestionLoad(
      crm,
      deps.feeds !== undefined,
      request,
    );
    const records: RecordSnapshot[] = [];
    for (let start = 0; start < outcomes.length; start += LOAD_PAGE) {
      const page = outcomes.slice(start, start + LOAD_PAGE);
      const loadDeps = { crm, portalId: job.portalId, atMs, sourceStatus: deps.sourceStatus };
      records.push(
        ...(await loadSuggestionRecords(
          deps.feeds ? { ...loadDeps, feeds: deps.feeds } : loadDeps,
          plan,
          page,
        )),
      );
      await report({ progress: { done: read + start + page.length, total: progressTotal }, cursor: null });
    }
    const result = suggestScore({
      object: request.object,
      type: request.type,
      records,
      outcomes,
      seed: SEED,
      naming,
      ...(properties ? { properties } : {}),
      ...(companyProperties ? { companyProperties } : {}),
    });
    if (!result.ok) {
      // Labelled records HubSpot no longer knows have no snapshot: what is left may be too few after all.
      if (!hasEnoughLabels(result.counts))
        throw new AppError("too_few_labels", result.message, { counts: result.counts });
      // Records enough, but nothing that predicts.
      const move = `reaching ${stages.to} from ${stages.from} within ${daysOf(request.withinDays)}`;
      throw new AppError("no_signal", `${result.message} (${move})`, { counts: result.counts });
    }
    const evidence = {
      ...result.evidence,
      metrics: {
        ...result.evidence.metrics,
        leftOut: { ...labels.leftOut, ...result.evidence.metrics.leftOut },
      },
    };
    await createScore(deps, job.portalId, result.definition, author);
    await deps.suggestions.save(job.portalId, job.scoreId, {
      request,
      jobId: job.id,
      createdAtMs: deps.now(),
      evidence,
    });
    return { scoreId: job.scoreId, evidence };
  };
}
