import type { Database } from "better-sqlite3";
import type { ChangeFeed } from "./change-feed.js";
import { withStageEntry } from "./lifecycle-dates.js";
import type { SandboxObjectType } from "./object-types.js";
import { createPropertyHistory, type PropertyVersion, SEEDED_SOURCE } from "./property-history.js";

// CRM records. Stored properties hold only set values; HubSpot clears a property written as ""
// (docs/hubspot.md §Score properties), so "" and null delete the key. hs_object_id, hs_createdate and
// hs_lastmodifieddate are not stored: they come from the id and the two timestamp columns.

export type StoredProperties = Record<string, string>;

export interface StoredRecord {
  id: number;
  objectType: SandboxObjectType;
  properties: StoredProperties;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface WriteOptions {
  nowMs: number;
  /** HubSpot's changeSource (docs/hubspot.md §Webhook payloads); null writes no change rows (seeding). */
  changeSource: string | null;
}

export interface RecordRepo {
  create(
    type: SandboxObjectType,
    properties: Record<string, string | null>,
    options: WriteOptions & { createdAtMs?: number },
  ): StoredRecord;
  /** Applies the values; returns the record, or null when it does not exist. */
  update(
    type: SandboxObjectType,
    id: number,
    properties: Record<string, string | null>,
    options: WriteOptions,
  ): StoredRecord | null;
  get(type: SandboxObjectType, id: number): StoredRecord | null;
  /** Records of a type with id > afterId, in id order. */
  page(type: SandboxObjectType, afterId: number, limit: number): StoredRecord[];
  count(type: SandboxObjectType): number;
  /** Archives (HubSpot's delete) or restores a record; false when it is not in the other state. */
  setArchived(type: SandboxObjectType, id: number, archived: boolean, nowMs: number): boolean;
  /** Removes the record for good (a GDPR deletion): nothing of it remains. */
  purge(type: SandboxObjectType, id: number): boolean;
  /** A property's values, newest first (docs/decisions.md §Sandbox property history). */
  historyOf(record: StoredRecord, name: string): PropertyVersion[];
  /**
   * A seed's value that changed long ago: the versions (oldest first) become the property's history
   * and the newest its value, with no change rows.
   */
  plantHistory(
    type: SandboxObjectType,
    id: number,
    name: string,
    versions: readonly { value: string; atMs: number }[],
  ): void;
}

interface Row {
  id: number;
  object_type: SandboxObjectType;
  properties: string;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: Row): StoredRecord => ({
  id: row.id,
  objectType: row.object_type,
  properties: JSON.parse(row.properties) as StoredProperties,
  createdAtMs: row.created_at,
  updatedAtMs: row.updated_at,
});

interface Change {
  name: string;
  previous: string | undefined;
  next: string | undefined;
}

function applyValues(target: StoredProperties, values: Record<string, string | null>): Change[] {
  const changed: Change[] = [];
  for (const [name, value] of Object.entries(values)) {
    const next = value === null || value === "" ? undefined : value;
    const previous = target[name];
    if (previous === next) continue;
    if (next === undefined) delete target[name];
    else target[name] = next;
    changed.push({ name, previous, next });
  }
  return changed;
}

export function createRecordRepo(db: Database, changes: ChangeFeed): RecordRepo {
  const insert = db.prepare(
    "INSERT INTO records (object_type, properties, created_at, updated_at) VALUES (?, ?, ?, ?)",
  );
  const save = db.prepare("UPDATE records SET properties = ?, updated_at = ? WHERE id = ?");
  const byId = db.prepare<[number, string], Row>(
    "SELECT * FROM records WHERE id = ? AND object_type = ? AND archived = 0",
  );
  const after = db.prepare<[string, number, number], Row>(
    "SELECT * FROM records WHERE object_type = ? AND id > ? AND archived = 0 ORDER BY id LIMIT ?",
  );
  const archive = db.prepare(
    "UPDATE records SET archived = ?, updated_at = ? WHERE id = ? AND object_type = ? AND archived = ?",
  );
  const remove = db.prepare("DELETE FROM records WHERE id = ? AND object_type = ?");
  const counter = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM records WHERE object_type = ? AND archived = 0",
  );

  const history = createPropertyHistory(db);

  const get = (type: SandboxObjectType, id: number) => {
    const row = byId.get(id, type);
    return row ? toRecord(row) : null;
  };

  return {
    create(type, values, options) {
      const properties: StoredProperties = {};
      const createdAtMs = options.createdAtMs ?? options.nowMs;
      applyValues(properties, withStageEntry(properties, values, createdAtMs));
      const id = Number(
        insert.run(type, JSON.stringify(properties), createdAtMs, options.nowMs).lastInsertRowid,
      );
      if (options.changeSource !== null) {
        const base = {
          objectType: type,
          objectId: id,
          changeSource: options.changeSource,
          occurredAt: options.nowMs,
        };
        changes.append({ ...base, kind: "creation" });
        for (const [name, value] of Object.entries(properties))
          changes.append({ ...base, kind: "propertyChange", propertyName: name, propertyValue: value });
      }
      return { id, objectType: type, properties, createdAtMs, updatedAtMs: options.nowMs };
    },

    update(type, id, values, options) {
      const record = get(type, id);
      if (!record) return null;
      const changed = applyValues(
        record.properties,
        withStageEntry(record.properties, values, options.nowMs),
      );
      if (changed.length === 0) return record;
      record.updatedAtMs = options.nowMs;
      save.run(JSON.stringify(record.properties), options.nowMs, id);
      for (const { name, previous, next } of changed)
        history.noteChange(
          record,
          name,
          previous,
          next ?? "",
          options.nowMs,
          options.changeSource ?? SEEDED_SOURCE,
        );
      if (options.changeSource !== null) {
        for (const { name } of changed) {
          changes.append({
            objectType: type,
            objectId: id,
            kind: "propertyChange",
            propertyName: name,
            propertyValue: record.properties[name] ?? "",
            changeSource: options.changeSource,
            occurredAt: options.nowMs,
          });
        }
      }
      return record;
    },

    get,
    page: (type, afterId, limit) => after.all(type, afterId, limit).map(toRecord),
    count: (type) => counter.get(type)?.n ?? 0,
    setArchived: (type, id, archived, nowMs) =>
      archive.run(archived ? 1 : 0, nowMs, id, type, archived ? 0 : 1).changes > 0,
    purge: (type, id) => {
      history.purge(id);
      return remove.run(id, type).changes > 0;
    },
    historyOf: (record, name) => history.versionsOf(record, name, record.properties[name]),
    plantHistory(type, id, name, versions) {
      const record = get(type, id);
      const newest = versions.at(-1);
      if (!record || !newest) return;
      history.replace(id, name, versions);
      record.properties[name] = newest.value;
      save.run(JSON.stringify(record.properties), Math.max(record.updatedAtMs, newest.atMs), id);
    },
  };
}
