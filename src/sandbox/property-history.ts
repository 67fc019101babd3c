import type { Database } from "better-sqlite3";

// Each record property's past values, for `propertiesWithHistory` (docs/decisions.md §Sandbox property
// history). A value set when the record was created and never changed has no rows: its history is that
// value at the record's creation. The first change of a property stores the value it replaces (dated at
// creation) before the new one, so rows exist only for properties that changed, not for the hundreds of
// thousands of values a seed writes once.

export interface PropertyVersion {
  value: string;
  timestamp: string;
  sourceType: string;
}

export interface PropertyHistory {
  /** Notes a write of `next` ("" clears) over `previous` (undefined: unset) at `atMs`. */
  noteChange(
    record: { id: number; createdAtMs: number },
    name: string,
    previous: string | undefined,
    next: string,
    atMs: number,
    sourceType: string,
  ): void;
  /** Replaces a property's history (a seed planting a value changed long ago), oldest first. */
  replace(recordId: number, name: string, versions: readonly { value: string; atMs: number }[]): void;
  /** The property's values, newest first, as HubSpot answers `propertiesWithHistory`. */
  versionsOf(
    record: { id: number; createdAtMs: number },
    name: string,
    current: string | undefined,
  ): PropertyVersion[];
  /** Forgets a record's history (a merge or privacy deletion removes the record for good). */
  purge(recordId: number): void;
}

interface Row {
  value: string;
  set_at: number;
  source_type: string;
}

/** The source HubSpot reports for a value a seed or a person in the portal set. */
export const SEEDED_SOURCE = "CRM_UI";

export function createPropertyHistory(db: Database): PropertyHistory {
  const insert = db.prepare(
    "INSERT INTO property_history (record_id, name, value, set_at, source_type) VALUES (?, ?, ?, ?, ?)",
  );
  const rowsOf = db.prepare<[number, string], Row>(
    `SELECT value, set_at, source_type FROM property_history WHERE record_id = ? AND name = ?
     ORDER BY set_at DESC, seq DESC`,
  );
  const hasRows = db.prepare<[number, string], { found: number }>(
    "SELECT 1 AS found FROM property_history WHERE record_id = ? AND name = ? LIMIT 1",
  );
  const removeProperty = db.prepare("DELETE FROM property_history WHERE record_id = ? AND name = ?");
  const removeRecord = db.prepare("DELETE FROM property_history WHERE record_id = ?");
  const iso = (ms: number) => new Date(ms).toISOString();

  return {
    noteChange(record, name, previous, next, atMs, sourceType) {
      if (previous !== undefined && !hasRows.get(record.id, name))
        insert.run(record.id, name, previous, record.createdAtMs, SEEDED_SOURCE);
      insert.run(record.id, name, next, atMs, sourceType);
    },
    replace(recordId, name, versions) {
      removeProperty.run(recordId, name);
      for (const version of versions) insert.run(recordId, name, version.value, version.atMs, SEEDED_SOURCE);
    },
    versionsOf(record, name, current) {
      const rows = rowsOf.all(record.id, name);
      if (rows.length > 0)
        return rows.map((row) => ({
          value: row.value,
          timestamp: iso(row.set_at),
          sourceType: row.source_type,
        }));
      return current === undefined
        ? []
        : [{ value: current, timestamp: iso(record.createdAtMs), sourceType: SEEDED_SOURCE }];
    },
    purge: (recordId) => void removeRecord.run(recordId),
  };
}
