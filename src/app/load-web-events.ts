import type { CrmClient } from "../ports/crm-client.js";
import type { SnapshotEvent } from "./build-engagement-event.js";
import type { LoadedEvents } from "./load-engagement-events.js";
import type { EventWindow, SnapshotWarning, WebEventNeeds } from "./snapshot-needs.js";
import { hubspotStatusOf, type SourceContext, sourceProblem, sourceRead } from "./sources/source-context.js";
import { hubspotEventName, toWebSnapshotEvent } from "./sources/web-event-types.js";

// Event analytics for contacts (docs/decisions.md §Web events mapping): one paged read per contact and
// event type a rule counts, from the oldest instant those rules can count. Enterprise only: a 4xx (not
// 401/429) means the portal's tier lacks it, which is remembered for a day so each rescore does not ask
// again (docs/decisions.md §Sources status), and the score carries a warning instead of a silent zero.

const EVENT_TYPES_FOR_MS = 3_600_000;
const NEEDS_ENTERPRISE_FOR_MS = 86_400_000;
const typesByClient = new WeakMap<CrmClient, { types: ReadonlySet<string>; atMs: number }>();

/** The portal's event type names, read once an hour per portal client (docs/hubspot.md §Event analytics). */
async function eventTypesOf(crm: CrmClient, atMs: number | undefined): Promise<ReadonlySet<string>> {
  const known = typesByClient.get(crm);
  if (known && atMs !== undefined && atMs - known.atMs < EVENT_TYPES_FOR_MS && atMs >= known.atMs)
    return known.types;
  const types = new Set(await crm.readEventTypes());
  if (atMs !== undefined) typesByClient.set(crm, { types, atMs });
  return types;
}

/** The oldest instant any of the windows counts; null when one counts every age (or time is unknown). */
function occurredAfterMs(windows: readonly EventWindow[], atMs: number | undefined): number | null {
  let earliest = Number.POSITIVE_INFINITY;
  for (const window of windows) {
    if (window === null) return null;
    if ("afterMs" in window) earliest = Math.min(earliest, window.afterMs);
    else if (atMs === undefined) return null;
    else earliest = Math.min(earliest, atMs - window.withinMs);
  }
  return Number.isFinite(earliest) ? earliest : null;
}

const isTierAnswer = (status: number | null) =>
  status !== null && status >= 400 && status < 500 && status !== 401 && status !== 429;

export async function loadWebEvents(
  crm: CrmClient,
  contactIds: readonly string[],
  web: WebEventNeeds,
  context?: SourceContext,
): Promise<LoadedEvents> {
  const byRecord = new Map<string, SnapshotEvent[]>(contactIds.map((id) => [id, []]));
  const warnings: SnapshotWarning[] = [];
  const wanted = Object.keys(web);
  if (contactIds.length === 0 || wanted.length === 0) return { byRecord, warnings };
  const remembered = context?.store
    ? (await context.store.problems(context.portalId)).event_analytics
    : undefined;
  if (
    remembered?.kind === "needs_enterprise" &&
    context &&
    context.atMs - remembered.atMs < NEEDS_ENTERPRISE_FOR_MS
  ) {
    warnings.push({ source: "event_analytics", code: "needs_enterprise", message: remembered.message });
    return { byRecord, warnings };
  }
  try {
    const available = await eventTypesOf(crm, context?.atMs);
    const readable: [type: string, name: string][] = [];
    for (const type of wanted) {
      const name = hubspotEventName(type) ?? type;
      if (available.has(name)) readable.push([type, name]);
      else
        warnings.push({
          source: "event_analytics",
          code: "unknown_event_type",
          message: `portal ${crm.portalId} has no event analytics type "${name}": rules on ${type} score nothing`,
        });
    }
    await Promise.all(
      contactIds.flatMap((id) =>
        readable.map(async ([type, name]) => {
          const after = occurredAfterMs(web[type] ?? [null], context?.atMs);
          const events = await crm.readContactWebEvents(id, name, after);
          byRecord.get(id)?.push(...events.map((event) => toWebSnapshotEvent(type, event)));
        }),
      ),
    );
    await sourceRead(context, "event_analytics");
  } catch (error) {
    const status = hubspotStatusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (!isTierAnswer(status)) {
      await sourceProblem(context, "event_analytics", "failing", message);
      throw error;
    }
    for (const events of byRecord.values()) events.length = 0;
    warnings.push(
      await sourceProblem(
        context,
        "event_analytics",
        "needs_enterprise",
        `event analytics is not available to portal ${crm.portalId} (HubSpot answered ${status}; it needs an Enterprise hub): ${message}`,
      ),
    );
  }
  return { byRecord, warnings };
}
