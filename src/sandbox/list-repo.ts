import type { Database } from "better-sqlite3";

// Lists API v3 data (docs/hubspot.md §Rate limits and batching): lists with their members. Sandbox lists are static
// (MANUAL/SNAPSHOT): members change only through the control endpoints, never by filters.

export interface StoredList {
  listId: number;
  name: string;
  objectTypeId: string;
  processingType: string;
  createdAtMs: number;
  updatedAtMs: number;
  size: number;
}

export interface ListMember {
  recordId: number;
  addedAtMs: number;
}

export interface ListRepo {
  create(input: { name: string; objectTypeId: string; processingType?: string }, nowMs: number): StoredList;
  addMembers(listId: number, recordIds: readonly number[], nowMs: number): number;
  removeMembers(listId: number, recordIds: readonly number[], nowMs: number): number;
  /** Takes a record out of every list of its object type (a deleted record leaves its lists). */
  removeEverywhere(recordId: number, objectTypeId: string, nowMs: number): void;
  get(listId: number): StoredList | null;
  /** Members with record id > afterId, by record id. */
  members(listId: number, afterId: number, limit: number): ListMember[];
  /** Lists whose name contains `query` (any case), by list id, a page from `offset`. */
  search(query: string, offset: number, count: number): { lists: StoredList[]; total: number };
  /** Every list a record is in, with the time it was added. */
  listsOf(recordId: number, objectTypeId: string): { list: StoredList; addedAtMs: number }[];
}

interface ListRow {
  list_id: number;
  name: string;
  object_type_id: string;
  processing_type: string;
  created_at: number;
  updated_at: number;
  size: number;
}

const toList = (row: ListRow): StoredList => ({
  listId: row.list_id,
  name: row.name,
  objectTypeId: row.object_type_id,
  processingType: row.processing_type,
  createdAtMs: row.created_at,
  updatedAtMs: row.updated_at,
  size: row.size,
});

const withSize = "(SELECT COUNT(*) FROM list_members m WHERE m.list_id = l.list_id) AS size";

export function createListRepo(db: Database): ListRepo {
  const insert = db.prepare(
    "INSERT INTO lists (name, object_type_id, processing_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
  );
  const addMember = db.prepare(
    "INSERT OR IGNORE INTO list_members (list_id, record_id, added_at) VALUES (?, ?, ?)",
  );
  const removeMember = db.prepare("DELETE FROM list_members WHERE list_id = ? AND record_id = ?");
  const touch = db.prepare("UPDATE lists SET updated_at = ? WHERE list_id = ?");
  const one = db.prepare<[number], ListRow>(`SELECT l.*, ${withSize} FROM lists l WHERE l.list_id = ?`);
  const page = db.prepare<[number, number, number], { record_id: number; added_at: number }>(
    "SELECT record_id, added_at FROM list_members WHERE list_id = ? AND record_id > ? ORDER BY record_id LIMIT ?",
  );
  const ofRecord = db.prepare<[number, string], ListRow & { added_at: number }>(
    `SELECT l.*, ${withSize}, r.added_at FROM list_members r JOIN lists l ON l.list_id = r.list_id
     WHERE r.record_id = ? AND l.object_type_id = ? ORDER BY l.list_id`,
  );
  // instr(lower()) rather than LIKE: a list name may hold % or _.
  const matching = "FROM lists l WHERE instr(lower(l.name), lower(?)) > 0";
  const searchPage = db.prepare<[string, number, number], ListRow>(
    `SELECT l.*, ${withSize} ${matching} ORDER BY l.list_id LIMIT ? OFFSET ?`,
  );
  const searchTotal = db.prepare<[string], { total: number }>(`SELECT COUNT(*) AS total ${matching}`);
  const addAll = db.transaction((listId: number, recordIds: readonly number[], nowMs: number) => {
    let added = 0;
    for (const id of recordIds) added += addMember.run(listId, id, nowMs).changes;
    touch.run(nowMs, listId);
    return added;
  });

  const removeAll = db.transaction((listId: number, recordIds: readonly number[], nowMs: number) => {
    let removed = 0;
    for (const id of recordIds) removed += removeMember.run(listId, id).changes;
    touch.run(nowMs, listId);
    return removed;
  });

  return {
    create(input, nowMs) {
      const processingType = input.processingType ?? "MANUAL";
      const id = Number(
        insert.run(input.name, input.objectTypeId, processingType, nowMs, nowMs).lastInsertRowid,
      );
      return { listId: id, ...input, processingType, createdAtMs: nowMs, updatedAtMs: nowMs, size: 0 };
    },
    addMembers: (listId, recordIds, nowMs) => addAll(listId, recordIds, nowMs),
    removeMembers: (listId, recordIds, nowMs) => removeAll(listId, recordIds, nowMs),
    removeEverywhere(recordId, objectTypeId, nowMs) {
      for (const row of ofRecord.all(recordId, objectTypeId)) removeAll(row.list_id, [recordId], nowMs);
    },
    get(listId) {
      const row = one.get(listId);
      return row ? toList(row) : null;
    },
    members: (listId, afterId, limit) =>
      page.all(listId, afterId, limit).map((row) => ({ recordId: row.record_id, addedAtMs: row.added_at })),
    search: (query, offset, count) => ({
      lists: searchPage.all(query, count, offset).map(toList),
      total: searchTotal.get(query)?.total ?? 0,
    }),
    listsOf: (recordId, objectTypeId) =>
      ofRecord.all(recordId, objectTypeId).map((row) => ({ list: toList(row), addedAtMs: row.added_at })),
  };
}
