import type { Property } from "@hubspot/api-client/lib/codegen/crm/properties/models/Property.js";
import type { PropertyGroup } from "@hubspot/api-client/lib/codegen/crm/properties/models/PropertyGroup.js";
import type { Database } from "better-sqlite3";
import type { SandboxObjectType } from "./object-types.js";
import type { Wire } from "./wire.js";

// Property definitions and groups (docs/hubspot.md §Score properties), stored as HubSpot answers them. Archiving is
// soft, as in HubSpot: an archived property is readable with archived=true and its values stop
// appearing on records.

export type WireProperty = Wire<Property>;
export type WirePropertyGroup = Wire<PropertyGroup>;

export interface PropertyRepo {
  get(type: SandboxObjectType, name: string, archived?: boolean): WireProperty | null;
  list(type: SandboxObjectType, archived?: boolean): WireProperty[];
  /** Names of the live properties of a type, for reads that skip unknown names. */
  liveNames(type: SandboxObjectType): Set<string>;
  put(type: SandboxObjectType, property: WireProperty): void;
  archive(type: SandboxObjectType, name: string, nowMs: number): boolean;
  group(type: SandboxObjectType, name: string): WirePropertyGroup | null;
  groups(type: SandboxObjectType): WirePropertyGroup[];
  putGroup(type: SandboxObjectType, group: Omit<WirePropertyGroup, "archived">): void;
}

export function createPropertyRepo(db: Database): PropertyRepo {
  const one = db.prepare<[string, string, number], { definition: string }>(
    "SELECT definition FROM properties WHERE object_type = ? AND name = ? AND archived = ?",
  );
  const all = db.prepare<[string, number], { definition: string }>(
    "SELECT definition FROM properties WHERE object_type = ? AND archived = ? ORDER BY name",
  );
  const upsert = db.prepare(
    "INSERT OR REPLACE INTO properties (object_type, name, definition, archived) VALUES (?, ?, ?, ?)",
  );
  const oneGroup = db.prepare<[string, string], { name: string; label: string; display_order: number }>(
    "SELECT name, label, display_order FROM property_groups WHERE object_type = ? AND name = ?",
  );
  const allGroups = db.prepare<[string], { name: string; label: string; display_order: number }>(
    "SELECT name, label, display_order FROM property_groups WHERE object_type = ? ORDER BY display_order, name",
  );
  const insertGroup = db.prepare(
    "INSERT OR REPLACE INTO property_groups (object_type, name, label, display_order) VALUES (?, ?, ?, ?)",
  );
  // Record reads ask for the live names on every call; the cache is dropped on every change.
  const liveCache = new Map<SandboxObjectType, Set<string>>();
  const parse = (row: { definition: string } | undefined) =>
    row ? (JSON.parse(row.definition) as WireProperty) : null;
  const toGroup = (row: { name: string; label: string; display_order: number }): WirePropertyGroup => ({
    name: row.name,
    label: row.label,
    displayOrder: row.display_order,
    archived: false,
  });

  return {
    get: (type, name, archived = false) => parse(one.get(type, name, archived ? 1 : 0)),
    list: (type, archived = false) =>
      all.all(type, archived ? 1 : 0).map((row) => JSON.parse(row.definition) as WireProperty),
    liveNames(type) {
      let names = liveCache.get(type);
      if (!names) {
        names = new Set(all.all(type, 0).map((row) => (JSON.parse(row.definition) as WireProperty).name));
        liveCache.set(type, names);
      }
      return names;
    },
    put(type, property) {
      upsert.run(type, property.name, JSON.stringify(property), property.archived ? 1 : 0);
      liveCache.delete(type);
    },
    archive(type, name, nowMs) {
      const property = parse(one.get(type, name, 0));
      if (!property) return false;
      const at = new Date(nowMs).toISOString();
      upsert.run(type, name, JSON.stringify({ ...property, archived: true, archivedAt: at }), 1);
      liveCache.delete(type);
      return true;
    },
    group: (type, name) => {
      const row = oneGroup.get(type, name);
      return row ? toGroup(row) : null;
    },
    groups: (type) => allGroups.all(type).map(toGroup),
    putGroup(type, group) {
      insertGroup.run(type, group.name, group.label, group.displayOrder);
    },
  };
}
