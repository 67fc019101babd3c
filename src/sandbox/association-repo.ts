import type { Database } from "better-sqlite3";
import { definedTypesOf, FIRST_USER_DEFINED_TYPE_ID } from "./association-types.js";
import type { ChangeFeed } from "./change-feed.js";
import { type SandboxObjectType, singularOf } from "./object-types.js";

// Associations v4 with labels (docs/hubspot.md §Rate limits and batching). Each association is stored in both directions,
// each with its own type ids, as HubSpot reads it from either side. Labelled associations keep
// the unlabeled default type too, as HubSpot answers both.

export interface AssociationType {
  category: "HUBSPOT_DEFINED" | "USER_DEFINED";
  typeId: number;
  label: string | null;
}

export interface AssociatedTarget {
  toObjectId: number;
  associationTypes: AssociationType[];
}

export interface AssociateInput {
  fromType: SandboxObjectType;
  fromId: number;
  toType: SandboxObjectType;
  toId: number;
  label?: string | undefined;
}

export type ChangeOptions = { nowMs: number; changeSource: string | null };

export interface AssociationRepo {
  /** Throws when HubSpot cannot associate the two types. */
  associate(input: AssociateInput, options: ChangeOptions): void;
  /** Removes every association between the two records; false when there was none. */
  dissociate(input: Omit<AssociateInput, "label">, options: ChangeOptions): boolean;
  /**
   * A record is deleted (`archive`), restored, or erased for good (`purge`): its associations go
   * aside, come back, or go for good, each side hearing of it as of an association removed or added.
   */
  archiveOf(type: SandboxObjectType, id: number, options: ChangeOptions): void;
  restoreOf(type: SandboxObjectType, id: number, options: ChangeOptions): void;
  purgeOf(type: SandboxObjectType, id: number, options: ChangeOptions): void;
  /** A merge: every association of `fromId` becomes one of `toId` (no events: the merge event says it). */
  moveAll(type: SandboxObjectType, fromId: number, toId: number): void;
  /** Targets of one record with to-id > afterToId, by to-id, at most `limit`. */
  targets(
    from: SandboxObjectType,
    fromId: number,
    to: SandboxObjectType,
    afterToId: number,
    limit: number,
  ): AssociatedTarget[];
}

interface Row {
  to_id: number;
  category: AssociationType["category"];
  type_id: number;
  label: string | null;
}

export function createAssociationRepo(db: Database, changes: ChangeFeed): AssociationRepo {
  const insert = db.prepare(
    "INSERT OR IGNORE INTO associations (from_type, from_id, to_type, to_id, category, type_id, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const findLabel = db.prepare<[string, string, string], { type_id: number }>(
    "SELECT type_id FROM association_labels WHERE from_type = ? AND to_type = ? AND label = ?",
  );
  const maxLabel = db.prepare<[], { m: number | null }>("SELECT MAX(type_id) AS m FROM association_labels");
  const addLabel = db.prepare(
    "INSERT INTO association_labels (from_type, to_type, type_id, label) VALUES (?, ?, ?, ?)",
  );
  const select = db.prepare<[string, number, string, number, string, number, string, number], Row>(
    `SELECT to_id, category, type_id, label FROM associations
     WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id IN (
       SELECT DISTINCT to_id FROM associations WHERE to_id > ? AND from_type = ? AND from_id = ? AND to_type = ?
       ORDER BY to_id LIMIT ?)
     ORDER BY to_id, type_id`,
  );

  const liveLinks = db.prepare<
    [string, number],
    { to_type: SandboxObjectType; to_id: number; label: string | null }
  >(
    `SELECT to_type, to_id, MAX(label) AS label FROM associations WHERE from_type = ? AND from_id = ?
     GROUP BY to_type, to_id ORDER BY to_type, to_id`,
  );
  const touching = "(from_type = @type AND from_id = @id) OR (to_type = @type AND to_id = @id)";
  const setAside = db.prepare(
    `INSERT OR IGNORE INTO archived_associations SELECT * FROM associations WHERE ${touching}`,
  );
  const bringBack = db.prepare(
    `INSERT OR IGNORE INTO associations SELECT * FROM archived_associations WHERE ${touching}`,
  );
  const dropLive = db.prepare(`DELETE FROM associations WHERE ${touching}`);
  const dropArchived = db.prepare(`DELETE FROM archived_associations WHERE ${touching}`);
  const dropPair = db.prepare(
    "DELETE FROM associations WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id = ?",
  );
  const moveFrom = db.prepare(
    "UPDATE OR IGNORE associations SET from_id = @to WHERE from_type = @type AND from_id = @from",
  );
  const moveTo = db.prepare(
    "UPDATE OR IGNORE associations SET to_id = @to WHERE to_type = @type AND to_id = @from",
  );
  const dropMoved = db.prepare(
    "DELETE FROM associations WHERE (from_type = @type AND from_id = @from) OR (to_type = @type AND to_id = @from)",
  );
  // A record merged into an associated one would be associated with itself: HubSpot has no such thing.
  const dropSelf = db.prepare(
    "DELETE FROM associations WHERE from_type = @type AND to_type = @type AND from_id = @to AND to_id = @to",
  );

  /** Both sides hear of an association added or removed, as HubSpot sends one event per side (docs/hubspot.md §Webhook payloads). */
  function announce(
    input: Omit<AssociateInput, "label"> & { label: string | null },
    removed: boolean,
    options: ChangeOptions,
  ): void {
    if (options.changeSource === null) return;
    for (const [a, aId, b, bId] of [
      [input.fromType, input.fromId, input.toType, input.toId],
      [input.toType, input.toId, input.fromType, input.fromId],
    ] as const) {
      changes.append({
        objectType: a,
        objectId: aId,
        kind: "associationChange",
        changeSource: options.changeSource,
        occurredAt: options.nowMs,
        details: {
          associationType: `${singularOf[a]}_TO_${singularOf[b]}`.toUpperCase(),
          fromObjectId: aId,
          toObjectId: bId,
          associationRemoved: removed,
          isPrimaryAssociation: input.label === "Primary",
          label: input.label,
        },
      });
    }
  }

  const announceAll = (
    links: { to_type: SandboxObjectType; to_id: number; label: string | null }[],
    type: SandboxObjectType,
    id: number,
    removed: boolean,
    options: ChangeOptions,
  ) => {
    for (const link of links)
      announce(
        { fromType: type, fromId: id, toType: link.to_type, toId: link.to_id, label: link.label },
        removed,
        options,
      );
  };

  function labelTypeId(from: SandboxObjectType, to: SandboxObjectType, label: string): number {
    const found = findLabel.get(from, to, label);
    if (found) return found.type_id;
    const typeId = Math.max(FIRST_USER_DEFINED_TYPE_ID - 1, maxLabel.get()?.m ?? 0) + 1;
    addLabel.run(from, to, typeId, label);
    return typeId;
  }

  function link(
    from: SandboxObjectType,
    fromId: number,
    to: SandboxObjectType,
    toId: number,
    label?: string,
  ) {
    const types = definedTypesOf(from, to);
    if (!types) throw new Error(`HubSpot cannot associate ${from} with ${to}`);
    insert.run(from, fromId, to, toId, "HUBSPOT_DEFINED", types.unlabeled, null);
    if (label === undefined || label === "") return;
    if (label === "Primary" && types.primary !== undefined)
      insert.run(from, fromId, to, toId, "HUBSPOT_DEFINED", types.primary, "Primary");
    else insert.run(from, fromId, to, toId, "USER_DEFINED", labelTypeId(from, to, label), label);
  }

  return {
    associate(input, options) {
      link(input.fromType, input.fromId, input.toType, input.toId, input.label);
      link(input.toType, input.toId, input.fromType, input.fromId, input.label);
      announce({ ...input, label: input.label ?? null }, false, options);
    },

    dissociate(input, options) {
      const removed =
        dropPair.run(input.fromType, input.fromId, input.toType, input.toId).changes +
        dropPair.run(input.toType, input.toId, input.fromType, input.fromId).changes;
      if (removed > 0) announce({ ...input, label: null }, true, options);
      return removed > 0;
    },

    archiveOf(type, id, options) {
      announceAll(liveLinks.all(type, id), type, id, true, options);
      setAside.run({ type, id });
      dropLive.run({ type, id });
    },

    restoreOf(type, id, options) {
      bringBack.run({ type, id });
      dropArchived.run({ type, id });
      announceAll(liveLinks.all(type, id), type, id, false, options);
    },

    purgeOf(type, id, options) {
      announceAll(liveLinks.all(type, id), type, id, true, options);
      dropLive.run({ type, id });
      dropArchived.run({ type, id });
    },

    moveAll(type, fromId, toId) {
      const at = { type, from: fromId, to: toId };
      moveFrom.run(at);
      moveTo.run(at);
      dropMoved.run(at);
      dropSelf.run(at);
    },

    targets(from, fromId, to, afterToId, limit) {
      const byTarget = new Map<number, AssociatedTarget>();
      for (const row of select.all(from, fromId, to, afterToId, from, fromId, to, limit)) {
        const target = byTarget.get(row.to_id) ?? { toObjectId: row.to_id, associationTypes: [] };
        target.associationTypes.push({ category: row.category, typeId: row.type_id, label: row.label });
        byTarget.set(row.to_id, target);
      }
      return [...byTarget.values()];
    },
  };
}
