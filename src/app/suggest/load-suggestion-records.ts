import type { CrmClient } from "../../ports/crm-client.js";
import type { FeedEventStore } from "../../ports/feed-event-store.js";
import type { SourceStatusStore } from "../../ports/source-status-store.js";
import { parseInstant, type RecordSnapshot } from "../../scoring/index.js";
import { parseSnapshotFast } from "../../scoring/parse-snapshot-fast.js";
import type { SnapshotInput } from "../../scoring/snapshot-schema.js";
import type { Outcome } from "../../suggest/suggestion.js";
import { loadSnapshots } from "../load-snapshots.js";
import type { EventNeeds, SnapshotNeeds } from "../snapshot-needs.js";
import { readValuesAsOf, valueAsOf } from "./read-values-as-of.js";

// The labelled records as the suggestion core reads them (docs/decisions.md §Suggested scores from HubSpot):
// for a fit score, properties as of each record's decision instant (and, for contacts, their companies'
// as of the same instant); for an engagement score, the events of every source the app reads, through the
// same snapshot loading rescores use, cut at the decision instant so that nothing later is held in memory.

export type SuggestionLoadDeps = {
  crm: CrmClient;
  portalId: number;
  /** The time the job reads at: sources' problems are stamped with it. */
  atMs: number;
  feeds?: Pick<FeedEventStore, "events">;
  sourceStatus?: SourceStatusStore | undefined;
};

export type SuggestionLoadPlan =
  | { type: "fit"; object: "contacts" | "companies"; properties: string[]; companyProperties: string[] }
  | { type: "engagement"; object: "contacts" | "companies"; events: EventNeeds };

const isBefore = (atMs: number) => (event: { occurredAt: string | number }) =>
  parseInstant(event.occurredAt) <= atMs;

async function loadFit(
  deps: SuggestionLoadDeps,
  plan: Extract<SuggestionLoadPlan, { type: "fit" }>,
  atMsById: Map<string, number>,
): Promise<RecordSnapshot[]> {
  const own = await readValuesAsOf(deps.crm, plan.object, atMsById, plan.properties);
  const companiesOf = new Map<
    string,
    { id: string; labels: string[]; properties: Record<string, string | null> }[]
  >();
  if (plan.object === "contacts" && plan.companyProperties.length > 0) {
    const links = await deps.crm.readAssociations("contacts", "companies", [...own.keys()]);
    const companyIds = [...new Set([...links.values()].flat().map((link) => link.id))];
    const histories = await deps.crm.readPropertyHistories("companies", companyIds, plan.companyProperties);
    for (const [contactId, linked] of links) {
      const atMs = atMsById.get(contactId) as number;
      companiesOf.set(
        contactId,
        linked.flatMap((link) => {
          const history = histories.get(link.id);
          if (!history) return [];
          const properties: Record<string, string | null> = {};
          for (const name of plan.companyProperties) properties[name] = valueAsOf(history[name], atMs);
          return [{ id: link.id, labels: link.labels, properties }];
        }),
      );
    }
  }
  return [...own].map(([id, properties]) =>
    parseSnapshotFast({
      id,
      object: plan.object,
      properties,
      ...(plan.object === "contacts" ? { associations: { companies: companiesOf.get(id) ?? [] } } : {}),
    }),
  );
}

async function loadEngagement(
  deps: SuggestionLoadDeps,
  plan: Extract<SuggestionLoadPlan, { type: "engagement" }>,
  atMsById: Map<string, number>,
): Promise<RecordSnapshot[]> {
  // Company engagement counts the associated contacts' events (docs/scoring.md §Companies and deals).
  const needs: SnapshotNeeds =
    plan.object === "contacts"
      ? { properties: [], events: plan.events }
      : { properties: [], associations: { contacts: { properties: [], events: plan.events } } };
  const { feeds } = deps;
  const { snapshots } = await loadSnapshots(deps.crm, plan.object, [...atMsById.keys()], needs, {
    portalId: deps.portalId,
    store: deps.sourceStatus,
    atMs: deps.atMs,
    // No web feed cursor: web events are read contact by contact (plan-suggestion-load.ts).
    ...(feeds ? { feedEvents: (ids: readonly string[]) => feeds.events(deps.portalId, ids) } : {}),
  });
  return snapshots.map((snapshot: SnapshotInput) => {
    const before = isBefore(atMsById.get(String(snapshot.id)) as number);
    const contacts = snapshot.associations?.contacts?.map((contact) => ({
      ...contact,
      events: (contact.events ?? []).filter(before),
    }));
    return parseSnapshotFast({
      ...snapshot,
      events: (snapshot.events ?? []).filter(before),
      ...(contacts ? { associations: { ...snapshot.associations, contacts } } : {}),
    });
  });
}

/** One page of labelled records, as snapshots; records HubSpot no longer knows are left out. */
export function loadSuggestionRecords(
  deps: SuggestionLoadDeps,
  plan: SuggestionLoadPlan,
  outcomes: readonly Outcome[],
): Promise<RecordSnapshot[]> {
  const atMsById = new Map(outcomes.map((outcome) => [outcome.id, outcome.atMs]));
  return plan.type === "fit" ? loadFit(deps, plan, atMsById) : loadEngagement(deps, plan, atMsById);
}
