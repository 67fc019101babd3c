import type { InboxEntry } from "../../ports/inbox.js";
import { actOnFeedSignal, feedSignalOf } from "../feeds/feed-signals.js";
import { applyRecordAction } from "./apply-record-action.js";
import { loadPortalScoring, type PortalScoring } from "./load-portal-scoring.js";
import type { PipelineDeps } from "./pipeline-deps.js";
import { increment } from "./pipeline-metrics.js";
import { type FanOutPlan, planFanOut } from "./plan-fan-out.js";
import { resolveReaches, type ScoredRef } from "./resolve-reaches.js";

/** A claimed entry after fan-out: the records to rescore, or why it failed. None left = done. */
export type PlannedEntry = { entry: InboxEntry; targets: ScoredRef[]; error?: string };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Roll-up properties of the portal-wide feeds (feed-signals.ts): each contact's signal is acted on
 * once per batch, and the records it moves join the entry's targets. A failed read fails the entry,
 * which the inbox retries.
 */
async function addFeedSignalTargets(deps: PipelineDeps, scoring: PortalScoring, planned: PlannedEntry[]) {
  const acted = new Set<string>();
  for (const item of planned) {
    const feed = feedSignalOf(item.entry.event);
    const key = `${feed}:${item.entry.event.objectId}`;
    if (!feed || item.error || acted.has(key)) continue;
    acted.add(key);
    try {
      item.targets.push(...(await actOnFeedSignal(deps, scoring, feed, item.entry.event.objectId)));
    } catch (error) {
      item.error = message(error);
    }
  }
}

/** Plans, applies record actions and resolves associations for one portal's entries. */
async function planPortal(
  deps: PipelineDeps,
  portalId: number,
  entries: InboxEntry[],
): Promise<PlannedEntry[]> {
  const scoring = await loadPortalScoring(deps, portalId);
  if (!scoring) {
    increment(deps.metrics.dropped, "portal not installed", entries.length);
    return entries.map((entry) => ({ entry, targets: [] }));
  }
  const plans: [InboxEntry, FanOutPlan][] = entries.map((e) => [e, planFanOut(scoring.graph, e.event)]);
  const crm = deps.crmFor(portalId);
  const resolveOne = async ([entry, plan]: [InboxEntry, FanOutPlan]): Promise<PlannedEntry> => {
    try {
      for (const action of plan.actions) await applyRecordAction(deps, portalId, action);
      const found = await resolveReaches(crm, plan.reaches);
      return { entry, targets: found.flat() };
    } catch (error) {
      return { entry, targets: [], error: message(error) };
    }
  };
  for (const [, plan] of plans) if (plan.dropped) increment(deps.metrics.dropped, plan.dropped);
  const withActions = plans.filter(([, p]) => p.actions.length > 0);
  const plain = plans.filter(([, p]) => p.actions.length === 0 && p.reaches.length > 0);
  const planned: PlannedEntry[] = plans
    .filter(([, p]) => p.actions.length === 0 && p.reaches.length === 0)
    .map(([entry]) => ({ entry, targets: [] }));
  planned.push(...(await Promise.all(withActions.map(resolveOne))));
  // Associations of every plain entry in one batch; if that read fails, each entry on its own, so
  // one bad event fails alone (docs/decisions.md §Failures fail alone).
  try {
    const found = await resolveReaches(
      crm,
      plain.flatMap(([, p]) => p.reaches),
    );
    let at = 0;
    for (const [entry, plan] of plain) {
      planned.push({ entry, targets: found.slice(at, at + plan.reaches.length).flat() });
      at += plan.reaches.length;
    }
  } catch {
    planned.push(...(await Promise.all(plain.map(resolveOne))));
  }
  await addFeedSignalTargets(deps, scoring, planned);
  return planned;
}

export async function planEntries(
  deps: PipelineDeps,
  entries: readonly InboxEntry[],
): Promise<PlannedEntry[]> {
  const byPortal = new Map<number, InboxEntry[]>();
  for (const e of entries) byPortal.set(e.event.portalId, [...(byPortal.get(e.event.portalId) ?? []), e]);
  const planned = await Promise.all(
    [...byPortal].map(([portalId, list]) =>
      planPortal(deps, portalId, list).catch((error: unknown) =>
        list.map((entry) => ({ entry, targets: [], error: message(error) })),
      ),
    ),
  );
  return planned.flat();
}
