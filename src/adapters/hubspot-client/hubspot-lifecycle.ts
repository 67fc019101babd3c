import type {
  CrmClient,
  CrmStageEntries,
  CrmValueSince,
  LifecycleObjectType,
} from "../../ports/crm-client.js";
import { chunk } from "./chunk.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// When records entered lifecycle stages, and what their properties held before (docs/hubspot.md §Lifecycle
// stage history). HubSpot's calculated `hs_v2_date_entered_<stage>` answers the first in a plain batch read
// of 100 or a list page of 100; a portal whose answer lacks the property (HubSpot ignores properties an
// object does not have: a custom stage) is read again with `propertiesWithHistory=lifecyclestage`. Every
// read with history goes in batches of 50, because the size HubSpot allows with history is unconfirmed.

const PLAIN_BATCH = 100;
const HISTORY_BATCH = 50;
const LIST_PAGE = 100;

type LifecyclePart = Pick<CrmClient, "readStageEntries" | "listStageEntries" | "readPropertyHistories">;

/** Milliseconds of an ISO date-time or epoch-milliseconds string; null when empty or unreadable. */
function parseInstant(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

const enteredProperty = (stage: string) => `hs_v2_date_entered_${stage}`;

type HistoryEntry = { value: string; timestamp: Date | string };

/** Newest first, as HubSpot lists them; entries without a readable time are dropped. */
function valuesSince(entries: readonly HistoryEntry[] | undefined): CrmValueSince[] {
  return (entries ?? [])
    .map((entry) => ({ value: entry.value, sinceMs: new Date(entry.timestamp).getTime() }))
    .filter((entry) => Number.isFinite(entry.sinceMs))
    .sort((a, b) => b.sinceMs - a.sinceMs);
}

export function createHubSpotLifecycle(apis: SdkApis, pacer: PortalPacer): LifecyclePart {
  async function readHistories(
    objectType: LifecycleObjectType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<Map<string, Record<string, CrmValueSince[]>>> {
    const found = new Map<string, Record<string, CrmValueSince[]>>();
    if (properties.length === 0) return found;
    for (const run of chunk([...new Set(ids)], HISTORY_BATCH)) {
      const answer = await pacer.run("api", `${objectType} batch read with history`, (signal) =>
        apis.objectsBatch.read(
          objectType,
          { inputs: run.map((id) => ({ id })), properties: [], propertiesWithHistory: [...properties] },
          undefined,
          apis.callOptions(signal),
        ),
      );
      for (const record of answer.results) {
        const histories: Record<string, CrmValueSince[]> = {};
        for (const name of properties) histories[name] = valuesSince(record.propertiesWithHistory?.[name]);
        found.set(record.id, histories);
      }
    }
    return found;
  }

  /** The first time each record entered each stage, from lifecyclestage's history. */
  async function readFromHistory(
    objectType: LifecycleObjectType,
    ids: readonly string[],
    stages: readonly string[],
  ): Promise<Map<string, Record<string, number | null>>> {
    const entered = new Map<string, Record<string, number | null>>();
    for (const [id, histories] of await readHistories(objectType, ids, ["lifecyclestage"])) {
      const times: Record<string, number | null> = {};
      for (const stage of stages) {
        const at = (histories.lifecyclestage ?? []).filter((e) => e.value === stage).map((e) => e.sinceMs);
        times[stage] = at.length > 0 ? Math.min(...at) : null;
      }
      entered.set(id, times);
    }
    return entered;
  }

  return {
    async readStageEntries(objectType, ids, stage) {
      const property = enteredProperty(stage);
      const found = new Map<string, number | null>();
      const withoutProperty: string[] = [];
      for (const run of chunk([...new Set(ids)], PLAIN_BATCH)) {
        const answer = await pacer.run("api", `${objectType} batch read ${property}`, (signal) =>
          apis.objectsBatch.read(
            objectType,
            { inputs: run.map((id) => ({ id })), properties: [property], propertiesWithHistory: [] },
            undefined,
            apis.callOptions(signal),
          ),
        );
        for (const record of answer.results) {
          if (property in record.properties) found.set(record.id, parseInstant(record.properties[property]));
          else withoutProperty.push(record.id);
        }
      }
      for (const [id, times] of await readFromHistory(objectType, withoutProperty, [stage]))
        found.set(id, times[stage] ?? null);
      return found;
    },

    async listStageEntries(objectType, stages, after) {
      const properties = stages.map(enteredProperty);
      const answer = await pacer.run("api", `${objectType} list page with stage entries`, (signal) =>
        apis.objectsBasic.getPage(
          objectType,
          LIST_PAGE,
          after ?? undefined,
          properties,
          undefined,
          undefined,
          false,
          apis.callOptions(signal),
        ),
      );
      const records: CrmStageEntries[] = [];
      const lacking = new Set<string>();
      for (const record of answer.results) {
        const enteredAtMs: Record<string, number | null> = {};
        stages.forEach((stage, i) => {
          const name = properties[i] as string;
          if (name in record.properties) enteredAtMs[stage] = parseInstant(record.properties[name]);
          else lacking.add(record.id);
        });
        records.push({ id: record.id, enteredAtMs });
      }
      if (lacking.size > 0) {
        const fromHistory = await readFromHistory(objectType, [...lacking], stages);
        for (const record of records) {
          const times = fromHistory.get(record.id);
          // The property's answer wins where HubSpot gave one; the history fills only what it lacked.
          if (times) record.enteredAtMs = { ...times, ...record.enteredAtMs };
        }
      }
      return { records, after: answer.paging?.next?.after ?? null };
    },

    readPropertyHistories: readHistories,
  };
}
