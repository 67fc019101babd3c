import { AppError } from "../../errors.js";
import type { FeedEventStore, PortalWideRefusal } from "../../ports/feed-event-store.js";
import type { InstallationStore } from "../../ports/installation-store.js";
import type { ScoreStore } from "../../ports/score-store.js";
import type { EventSourceName, SourceProblem, SourceStatusStore } from "../../ports/source-status-store.js";
import type { ScoreDefinition } from "../../scoring/index.js";
import { EVENT_SOURCES, type EventSourceInfo, sourceOfEventType } from "./event-source-table.js";

// docs/decisions.md §Sources status: every event type's source and whether the portal can supply it, so
// a rule on a type the portal cannot supply is reported instead of scoring a silent zero.

export type SourceStatus = "available" | "missing_scope" | "needs_enterprise" | "failing";

export interface EventTypeSourceStatus {
  eventType: string;
  source: EventSourceName;
  status: SourceStatus;
  /** What it means and what to do, for a person. */
  detail: string;
}

/** A warning on a score whose rules read an unavailable type: the save, test, preview or enable still answers. */
export interface SourceUnavailableWarning {
  code: "source_unavailable";
  eventType: string;
  status: Exclude<SourceStatus, "available">;
  message: string;
}

export type SourceStatusDeps = {
  installations: InstallationStore;
  sourceStatus?: SourceStatusStore | undefined;
  /** The web events feed's cursor: whether event analytics is read portal-wide or per contact. */
  feeds?: Pick<FeedEventStore, "cursor"> | undefined;
};

/** The roll-up fallback below Enterprise (docs/hubspot.md §Contact roll-up properties, README "Event sources"). */
const ROLL_UP_HINT =
  "score a roll-up property instead, e.g. a fit rule hs_analytics_num_page_views ≥ 5 (hs_analytics_num_visits, hs_analytics_last_visit_timestamp)";

function statusOf(
  eventType: string,
  info: EventSourceInfo,
  scopes: readonly string[],
  problems: Partial<Record<EventSourceName, SourceProblem>>,
  webRefusal?: PortalWideRefusal,
): EventTypeSourceStatus {
  const row = (status: SourceStatus, detail: string) => ({ eventType, source: info.source, status, detail });
  if (info.scope !== null && !scopes.includes(info.scope))
    return row(
      "missing_scope",
      `the portal did not grant the ${info.scope} scope: install the app again (/oauth/install) and accept it`,
    );
  const problem = problems[info.source];
  if (problem?.kind === "needs_enterprise")
    return row("needs_enterprise", `${problem.message}; ${ROLL_UP_HINT}`);
  if (problem?.kind === "failing")
    return row(
      "failing",
      `the last read failed at ${new Date(problem.atMs).toISOString()}: ${problem.message}`,
    );
  const tier = info.tier === "enterprise" ? " (HubSpot Enterprise only)" : "";
  // docs/decisions.md §Web events feed: where HubSpot refused the portal-wide read, say why.
  const how =
    info.source !== "event_analytics"
      ? ""
      : webRefusal
        ? `, one read per contact: HubSpot refused the portal-wide read at ${new Date(webRefusal.atMs).toISOString()} (${webRefusal.message})`
        : ", portal-wide by the web events poll";
  return row("available", `read from ${info.source.replaceAll("_", " ")}${tier}${how}`);
}

async function portalState(deps: SourceStatusDeps, portalId: number) {
  const installation = await deps.installations.get(portalId);
  if (!installation) throw new AppError("not_found", `portal ${portalId} is not installed`);
  const problems = (await deps.sourceStatus?.problems(portalId)) ?? {};
  const webRefusal = (await deps.feeds?.cursor(portalId, "web_events"))?.portalWideRefused;
  return { scopes: installation.scopes, problems, webRefusal };
}

const eventTypesOf = (definition: ScoreDefinition): string[] => [
  ...new Set(
    definition.groups.flatMap((group) =>
      group.kind === "engagement" ? group.rules.map((r) => r.event) : [],
    ),
  ),
];

/**
 * GET /api/portals/:portalId/sources: every event type of docs/scoring.md §Event types, and the custom
 * behavioural events the portal's scores count, with its source's status.
 */
export async function portalSourceStatuses(
  deps: SourceStatusDeps & { scores: ScoreStore },
  portalId: number,
): Promise<EventTypeSourceStatus[]> {
  const { scopes, problems, webRefusal } = await portalState(deps, portalId);
  const custom = (await deps.scores.list(portalId))
    .flatMap((revision) => eventTypesOf(revision.definition))
    .filter((type) => !EVENT_SOURCES.has(type));
  const types = [...EVENT_SOURCES.keys(), ...[...new Set(custom)].sort()];
  return types.flatMap((type) => {
    const info = sourceOfEventType(type);
    return info ? [statusOf(type, info, scopes, problems, webRefusal)] : [];
  });
}

/** The warnings of a score whose rules count event types the portal cannot supply now. */
export async function sourceWarnings(
  deps: SourceStatusDeps,
  portalId: number,
  definition: ScoreDefinition,
): Promise<SourceUnavailableWarning[]> {
  const { scopes, problems, webRefusal } = await portalState(deps, portalId);
  return eventTypesOf(definition).flatMap((type) => {
    const info = sourceOfEventType(type);
    if (!info) return [];
    const row = statusOf(type, info, scopes, problems, webRefusal);
    if (row.status === "available") return [];
    return [
      {
        code: "source_unavailable" as const,
        eventType: type,
        status: row.status,
        message: `rules on ${type} score nothing for now: ${row.detail}`,
      },
    ];
  });
}
