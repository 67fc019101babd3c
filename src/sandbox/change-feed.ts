import type { Database } from "better-sqlite3";
import { legacyWebhookObjects, objectTypeIdOf, type SandboxObjectType, singularOf } from "./object-types.js";

// Every data change appends a row here; a webhook sender (docs/decisions.md §Sandbox portal)
// reads rows after the last sequence number it delivered. Subscription types follow HubSpot:
// legacy `contact.propertyChange` for contacts, companies and deals, generic `object.*` for the
// rest (docs/hubspot.md §Webhook subscriptions, §Webhook payloads). hs_lastmodifieddate is never a change of its own: HubSpot does
// not let apps subscribe to it (docs/hubspot.md §Webhook subscriptions).

export type ChangeKind =
  | "creation"
  | "propertyChange"
  | "associationChange"
  | "deletion"
  | "merge"
  | "restore"
  | "privacyDeletion";

export interface Change {
  seq: number;
  objectType: SandboxObjectType;
  objectTypeId: string;
  objectId: number;
  subscriptionType: string;
  propertyName: string | null;
  propertyValue: string | null;
  /** CRM_UI for control-endpoint edits, INTEGRATION for API writes (docs/hubspot.md §Webhook payloads changeSource). */
  changeSource: string;
  occurredAt: number;
  details: Record<string, unknown> | null;
}

export interface ChangeInput {
  objectType: SandboxObjectType;
  objectId: number;
  kind: ChangeKind;
  propertyName?: string;
  propertyValue?: string | null;
  changeSource: string;
  occurredAt: number;
  details?: Record<string, unknown>;
}

export interface ChangeFeed {
  append(change: ChangeInput): void;
  /** Changes after `afterSeq`, oldest first. */
  read(afterSeq: number, limit: number): Change[];
}

export function subscriptionTypeOf(objectType: SandboxObjectType, kind: ChangeKind): string {
  return `${legacyWebhookObjects.has(objectType) ? singularOf[objectType] : "object"}.${kind}`;
}

interface Row {
  seq: number;
  object_type: SandboxObjectType;
  object_id: number;
  subscription_type: string;
  property_name: string | null;
  property_value: string | null;
  change_source: string;
  occurred_at: number;
  details: string | null;
}

export function createChangeFeed(db: Database): ChangeFeed {
  const insert = db.prepare(
    `INSERT INTO changes (object_type, object_id, subscription_type, property_name, property_value,
       change_source, occurred_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare<[number, number], Row>(
    "SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
  );
  return {
    append(change) {
      insert.run(
        change.objectType,
        change.objectId,
        subscriptionTypeOf(change.objectType, change.kind),
        change.propertyName ?? null,
        change.propertyValue ?? null,
        change.changeSource,
        change.occurredAt,
        change.details ? JSON.stringify(change.details) : null,
      );
    },
    read(afterSeq, limit) {
      return select.all(afterSeq, limit).map((row) => ({
        seq: row.seq,
        objectType: row.object_type,
        objectTypeId: objectTypeIdOf[row.object_type],
        objectId: row.object_id,
        subscriptionType: row.subscription_type,
        propertyName: row.property_name,
        propertyValue: row.property_value,
        changeSource: row.change_source,
        occurredAt: row.occurred_at,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
      }));
    },
  };
}
