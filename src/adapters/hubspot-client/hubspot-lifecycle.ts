import type { CrmClient } from "../../ports/crm-client.js";
import { chunk } from "./chunk.js";
import type { PortalPacer } from "./portal-pacer.js";
import type { SdkApis } from "./sdk-apis.js";

// When records entered a lifecycle stage (docs/hubspot.md §Lifecycle stage history). HubSpot's calculated
// `hs_v2_date_entered_<stage>` answers it in a plain batch read of 100; a portal whose answer lacks the
// property (HubSpot ignores properties an object does not have) is read again with
// `propertiesWithHistory=lifecyclestage`, in batches of 50 because the size HubSpot allows with history is
// unconfirmed (docs/hubspot.md §Lifecycle stage history).

const PLAIN_BATCH = 100;
const HISTORY_BATCH = 50;

type LifecyclePart = Pick<CrmClient, "readStageEntries">;

/** Milliseconds of an ISO date-time or epoch-milliseconds string; null when empty or unreadable. */
function parseInstant(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function createHubSpotLifecycle(apis: SdkApis, pacer: PortalPacer): LifecyclePart {
  async function readFromHistory(
    objectType: "contacts" | "companies",
    ids: readonly string[],
    stage: string,
    found: Map<string, number | null>,
  ) {
    for (const run of chunk(ids, HISTORY_BATCH)) {
      const answer = await pacer.run("api", `${objectType} batch read lifecycle history`, (signal) =>
        apis.objectsBatch.read(
          objectType,
          { inputs: run.map((id) => ({ id })), properties: [], propertiesWithHistory: ["lifecyclestage"] },
          undefined,
          apis.callOptions(signal),
        ),
      );
      for (const record of answer.results) {
        const times = (record.propertiesWithHistory?.lifecyclestage ?? [])
          .filter((entry) => entry.value === stage)
          .map((entry) => new Date(entry.timestamp).getTime())
          .filter(Number.isFinite);
        found.set(record.id, times.length > 0 ? Math.min(...times) : null);
      }
    }
  }

  return {
    async readStageEntries(objectType, ids, stage) {
      const property = `hs_v2_date_entered_${stage}`;
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
      await readFromHistory(objectType, withoutProperty, stage, found);
      return found;
    },
  };
}
