import { AppError } from "../errors.js";
import type { CrmClient, CrmObjectType } from "../ports/crm-client.js";
import {
  baseEngagementProperties,
  buildEngagementEvent,
  type EngagementObject,
  engagementObjects,
  type SnapshotEvent,
} from "./build-engagement-event.js";
import { loadFeedEvents } from "./feeds/load-feed-events.js";
import { loadWebEvents } from "./load-web-events.js";
import type { EventNeeds, SnapshotWarning } from "./snapshot-needs.js";
import { type SourceContext, sourceProblem, sourceRead } from "./sources/source-context.js";

// Events of many records at once: per engagement object, one associations batch read for all
// records (1,000 ids a call) and one batch read per 100 distinct engagements, so the number of
// calls grows with the number of engagements, not of records (docs/hubspot.md §Rate limits and batching).
// Tickets are read the same way; contacts' event analytics types come from load-web-events.ts. Each
// source's outcome goes to the sources status (docs/decisions.md §Sources status).

export interface LoadedEvents {
  byRecord: Map<string, SnapshotEvent[]>;
  warnings: SnapshotWarning[];
}

async function loadOneObject(
  crm: CrmClient,
  from: CrmObjectType,
  ids: readonly string[],
  object: EngagementObject,
  extra: readonly string[],
): Promise<Map<string, SnapshotEvent[]>> {
  const associations = await crm.readAssociations(from, object, ids);
  const engagementIds = [...new Set([...associations.values()].flat().map((a) => a.id))];
  const properties = [...new Set([...baseEngagementProperties[object], ...extra])];
  const records = await crm.readRecords(object, engagementIds, properties);
  const events = new Map<string, SnapshotEvent>();
  for (const record of records) {
    const event = buildEngagementEvent(object, record.properties);
    if (event) events.set(record.id, event);
  }
  const byRecord = new Map<string, SnapshotEvent[]>();
  for (const [recordId, linked] of associations) {
    byRecord.set(
      recordId,
      linked.flatMap((a) => events.get(a.id) ?? []),
    );
  }
  return byRecord;
}

export async function loadEngagementEvents(
  crm: CrmClient,
  from: CrmObjectType,
  ids: readonly string[],
  needs: EventNeeds,
  context?: SourceContext,
): Promise<LoadedEvents> {
  const byRecord = new Map<string, SnapshotEvent[]>(ids.map((id) => [id, []]));
  const warnings: SnapshotWarning[] = [];
  const objects = needs.objects ?? engagementObjects;
  const web =
    from === "contacts" && needs.web
      ? loadWebEvents(crm, ids, needs.web, context)
      : Promise.resolve(undefined);
  const feeds =
    from === "contacts" && needs.feeds
      ? loadFeedEvents(context?.feedEvents, ids, needs)
      : Promise.resolve(undefined);
  const engagements = Promise.all(
    objects.map(async (object) => {
      try {
        const events = await loadOneObject(crm, from, ids, object, needs.properties?.[object] ?? []);
        await sourceRead(context, object);
        return events;
      } catch (error) {
        // A missing scope (emails need sales-email-read, docs/hubspot.md §Engagement objects; tickets need
        // tickets, §Tickets) costs that source, not the snapshot: the score is computed without it and the
        // warning says so.
        if (error instanceof AppError && error.code === "forbidden") {
          const message = `${object} were not read (HubSpot answered 403; is the scope granted?): ${error.message}`;
          warnings.push({ ...(await sourceProblem(context, object, "failing", message)), code: "forbidden" });
          return new Map<string, SnapshotEvent[]>();
        }
        await sourceProblem(
          context,
          object,
          "failing",
          error instanceof Error ? error.message : String(error),
        );
        throw error;
      }
    }),
  );
  // Awaited together: a failing source must never be left as an unhandled rejection while the other waits.
  const [loaded, webEvents, feedEvents] = await Promise.all([engagements, web, feeds]);
  for (const extra of [webEvents, feedEvents]) {
    if (!extra) continue;
    loaded.push(extra.byRecord);
    warnings.push(...extra.warnings);
  }
  for (const perObject of loaded) {
    for (const [recordId, events] of perObject) byRecord.get(recordId)?.push(...events);
  }
  for (const events of byRecord.values())
    events.sort((a, b) => instantMs(a.occurredAt) - instantMs(b.occurredAt));
  return { byRecord, warnings };
}

function instantMs(value: string | number): number {
  return typeof value === "number" ? value : Date.parse(value);
}
