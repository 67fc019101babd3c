import type { Database } from "better-sqlite3";
import { definedTypesOf, FIRST_USER_DEFINED_TYPE_ID } from "./association-types.js";
import type { ChangeFeed } from "./change-feed.js";
import { type SandboxObjectType, singularOf } from "./object-types.js";

// Associations v4 with labels (HUBSPOT.md §5.1). Each association is stored in both directions,
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

export interface AssociationRepo {
  /** Throws when HubSpot cannot associate the two types. */
  associate(input: AssociateInput, options: { nowMs: number; changeSource: string | null }): void;
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
      if (options.changeSource === null) return;
      // Both sides get an event, as HubSpot sends one per side (HUBSPOT.md §3.4).
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
            associationRemoved: false,
            isPrimaryAssociation: input.label === "Primary",
            label: input.label ?? null,
          },
        });
      }
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
