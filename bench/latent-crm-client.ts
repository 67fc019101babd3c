import type { CrmClient, CrmRecord } from "../src/ports/crm-client.js";
import { unsupportedCrmMethods } from "./unsupported-crm-methods.js";

// An in-process portal for the webhook-to-written bench: contacts only, every call answered after
// `latencyMs` (HubSpot's batch endpoints answer in roughly 100–300 ms from Europe; docs/hubspot.md §Rate limits and batching
// paces calls, not their duration). Writes record when each contact's scores were written.

export function createLatentCrmClient(options: { latencyMs: number; contacts: number }) {
  const contacts = new Map<string, Record<string, string | null>>();
  for (let i = 1; i <= options.contacts; i++) contacts.set(String(i), { jobtitle: "Intern" });
  const writtenAtMs = new Map<string, number[]>();
  const wait = () => new Promise<void>((resolve) => setTimeout(resolve, options.latencyMs));
  const client: CrmClient = {
    ...unsupportedCrmMethods("webhook latency"),
    portalId: "1",
    async readRecords(_type, ids, properties) {
      await wait();
      return ids.flatMap((id): CrmRecord[] => {
        const p = contacts.get(id);
        return p ? [{ id, properties: Object.fromEntries(properties.map((n) => [n, p[n] ?? null])) }] : [];
      });
    },
    async readAssociations(_from, _to, ids) {
      await wait();
      return new Map(ids.map((id) => [id, []]));
    },
    async updateRecords(_type, updates) {
      await wait();
      const at = performance.now();
      for (const u of updates) {
        Object.assign(contacts.get(u.id) ?? {}, u.properties);
        writtenAtMs.set(u.id, [...(writtenAtMs.get(u.id) ?? []), at]);
      }
    },
    readLists: async () => [],
    readListMemberIds: async () => [],
    readRecordListIds: async () => [],
    listRecordIds: async () => ({ ids: [], after: null }),
    countRecords: async () => contacts.size,
    searchModifiedSince: async () => ({ ids: [], after: null }),
  };
  return { client, contacts, writtenAtMs };
}
