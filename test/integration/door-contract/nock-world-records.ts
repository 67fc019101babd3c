import { buildRecord } from "../../fixtures/hubspot/crm-payloads.js";

// The records of the nock world, kept as HubSpot keeps them: their values, the property names each
// object has, and the creation and last-modification instants HubSpot stamps on every record
// (docs/hubspot.md §Engagement objects), read from the world's own clock. That clock stands still unless a test or the
// door's pauses move it, as the sandbox's does under test.

export type Properties = Record<string, string | null>;

export interface NockRecord {
  id: string;
  properties: Properties;
  createdAtMs: number;
  modifiedAtMs: number;
}

export type NockWorldRecords = ReturnType<typeof createNockWorldRecords>;

export function createNockWorldRecords(epochMs: number) {
  let nowMs = epochMs;
  const records = new Map<string, Map<string, NockRecord>>();
  const known = new Map<string, Set<string>>();
  const of = (type: string) => {
    const found = records.get(type) ?? new Map<string, NockRecord>();
    records.set(type, found);
    return found;
  };
  /** The property names an object has: its records' and the ones created through the API. */
  const names = (type: string) => {
    const found = known.get(type) ?? new Set<string>();
    known.set(type, found);
    return found;
  };
  const iso = (ms: number) => new Date(ms).toISOString();

  return {
    nowMs: () => nowMs,
    advance(ms: number) {
      nowMs += ms;
    },
    names,
    put(type: string, id: string, properties: Properties) {
      of(type).set(id, { id, properties: { ...properties }, createdAtMs: nowMs, modifiedAtMs: nowMs });
      for (const name of Object.keys(properties)) names(type).add(name);
    },
    /** Writes values and stamps hs_lastmodifieddate; false when there is no such record. */
    update(type: string, id: string, properties: Properties): boolean {
      const record = of(type).get(id);
      if (!record) return false;
      record.properties = { ...record.properties, ...properties };
      record.modifiedAtMs = nowMs;
      return true;
    },
    has: (type: string, id: string) => of(type).has(id),
    /** Oldest first: HubSpot's ids grow in creation order. */
    all: (type: string) => [...of(type).values()].sort((a, b) => Number(a.id) - Number(b.id)),
    /** A record as HubSpot answers it: the asked properties the object has, unset ones as null. */
    wire(type: string, id: string, asked: readonly string[]) {
      const record = of(type).get(id);
      const stored = record?.properties ?? {};
      const [created, modified] = [iso(record?.createdAtMs ?? nowMs), iso(record?.modifiedAtMs ?? nowMs)];
      const values = Object.fromEntries(
        asked.filter((n) => names(type).has(n)).map((n) => [n, stored[n] ?? null]),
      );
      return {
        ...buildRecord(id, { ...values, hs_createdate: created, hs_lastmodifieddate: modified }),
        createdAt: created,
        updatedAt: modified,
      };
    },
  };
}
