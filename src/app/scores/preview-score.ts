import { AppError } from "../../errors.js";
import { createPagingCursors } from "../../hubspot/paging-cursors.js";
import type { ObjectType, ScoreDefinition } from "../../scoring/index.js";
import { parseDefinition } from "../../scoring/index.js";
import { summarizeDistribution } from "../../scoring/summarize-distribution.js";
import { evaluateRecords } from "../evaluate-records.js";
import type { JobHandler } from "../jobs/job-runner.js";
import type { SnapshotWarning } from "../snapshot-needs.js";
import { withSourceWarnings } from "../sources/with-source-warnings.js";
import { requireScore } from "./save-score.js";
import type { JobHandlerDeps, ScoresDeps } from "./scores-deps.js";

export const DEFAULT_PREVIEW_SAMPLE = 1_000;
const MOVES_LISTED = 100;

export type ThresholdMove = {
  id: string;
  from: string | null;
  to: string | null;
  scoreFrom: number | null;
  scoreTo: number | null;
};
export type PreviewImpact = {
  compared: number;
  moved: number;
  byChange: Record<string, number>;
  moves: ThresholdMove[];
};

/** The definition to try: an edit sent with the request, or the stored one. Nothing is saved. */
async function definitionsToTry(deps: JobHandlerDeps, portalId: number, scoreId: string, edited: unknown) {
  const stored = (await requireScore(deps, portalId, scoreId)).definition;
  if (edited === undefined) return { stored, tried: stored };
  const tried = parseDefinition({ ...(edited as object), id: scoreId, status: stored.status });
  if (tried.object !== stored.object)
    throw new AppError("invalid_input", "object cannot change", { path: "object" });
  return { stored, tried };
}

/** Pages of record ids from the start of the object, up to `limit` ids (null: all of them). */
async function* recordPages(
  deps: JobHandlerDeps,
  portalId: number,
  object: ObjectType,
  limit: number | null,
  from: string | null = null,
) {
  const crm = deps.crmFor(portalId);
  let cursor = from;
  const cursors = createPagingCursors(String(portalId), `${object} record ids (preview)`);
  let seen = 0;
  do {
    const page = await crm.listRecordIds(object, cursor);
    const ids = limit === null ? page.ids : page.ids.slice(0, limit - seen);
    seen += ids.length;
    cursor = page.after === null ? null : cursors.next(object, page.after);
    yield { ids, cursor };
  } while (cursor !== null && (limit === null || seen < limit));
}

/**
 * "Preview distribution" on a sample (docs/scoring.md §Lifecycle), without writing. For an edit of an
 * enabled score, also the impact: which records would move between thresholds.
 */
export async function previewScore(
  deps: ScoresDeps,
  portalId: number,
  scoreId: string,
  request: { definition?: unknown; sample?: number },
) {
  const { stored, tried } = await definitionsToTry(deps, portalId, scoreId, request.definition);
  const compare = stored.status === "enabled" && request.definition !== undefined;
  const definitions: ScoreDefinition[] = compare ? [tried, stored] : [tried];
  const distribution = summarizeDistribution(tried);
  const impact: PreviewImpact = { compared: 0, moved: 0, byChange: {}, moves: [] };
  const evaluateDeps = {
    crm: deps.crmFor(portalId),
    records: deps.records,
    logger: deps.logger,
    ...(deps.feeds ? { feeds: deps.feeds } : {}),
    sourceStatus: deps.sourceStatus,
  };
  const atMs = deps.now();
  const skipped: string[] = [];
  const read = new Map<string, SnapshotWarning>();
  for await (const page of recordPages(
    deps,
    portalId,
    tried.object,
    request.sample ?? DEFAULT_PREVIEW_SAMPLE,
  )) {
    const evaluated = await evaluateRecords(evaluateDeps, portalId, tried.object, page.ids, definitions, {
      atMs,
    });
    skipped.push(...evaluated.skipped);
    for (const warning of evaluated.warnings) read.set(`${warning.source}:${warning.code}`, warning);
    for (const record of evaluated.records) {
      const [next, before] = record.results;
      if (next) distribution.add(next);
      if (compare && next && before) noteMove(impact, record.id, before, next);
    }
  }
  return {
    scoreId,
    sampled: distribution.summary().scored + distribution.summary().outOfScope,
    skipped,
    distribution: distribution.summary(),
    ...(compare ? { impact } : {}),
    warnings: await withSourceWarnings(deps, portalId, tried, [...read.values()]),
  };
}

function noteMove(
  impact: PreviewImpact,
  id: string,
  before: { threshold: string | null; score: number | null },
  next: { threshold: string | null; score: number | null },
) {
  impact.compared += 1;
  if (before.threshold === next.threshold) return;
  impact.moved += 1;
  const change = `${before.threshold ?? "none"} → ${next.threshold ?? "none"}`;
  impact.byChange[change] = (impact.byChange[change] ?? 0) + 1;
  if (impact.moves.length < MOVES_LISTED) {
    impact.moves.push({
      id,
      from: before.threshold,
      to: next.threshold,
      scoreFrom: before.score,
      scoreTo: next.score,
    });
  }
}

/** The whole portal as a background job, with progress; the result is the distribution. */
export function createPreviewJob(deps: JobHandlerDeps): JobHandler {
  return async (job, report) => {
    const { tried } = await definitionsToTry(
      deps,
      job.portalId,
      job.scoreId,
      (job.input as { definition?: unknown })?.definition,
    );
    const distribution = summarizeDistribution(tried);
    const evaluateDeps = {
      crm: deps.crmFor(job.portalId),
      records: deps.records,
      logger: deps.logger,
      ...(deps.feeds ? { feeds: deps.feeds } : {}),
      sourceStatus: deps.sourceStatus,
    };
    const atMs = deps.now();
    let done = 0;
    // A preview keeps its figures in memory, so a restarted preview starts again from the top.
    for await (const page of recordPages(deps, job.portalId, tried.object, null)) {
      const evaluated = await evaluateRecords(evaluateDeps, job.portalId, tried.object, page.ids, [tried], {
        atMs,
      });
      for (const record of evaluated.records) if (record.results[0]) distribution.add(record.results[0]);
      done += page.ids.length;
      await report({ progress: { done, total: null }, cursor: null });
    }
    return distribution.summary();
  };
}
