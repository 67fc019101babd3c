import type { crmObjectTypes } from "../hubspot/crm-object-types.js";

// The one door to a portal's CRM (docs/decisions.md §One door to HubSpot): our own narrow types, no SDK types leak past
// src/adapters/hubspot-client/. Every method batches and pages on its own (docs/hubspot.md §Rate limits and batching):
// callers pass any number of ids and get everything back.

import type { CrmFeeds } from "./crm-feeds.js";

/**
 * CRM object types this app reads or writes: scored objects, engagement objects (docs/hubspot.md
 * §Engagement objects) and tickets (docs/hubspot.md §Tickets).
 */
export type CrmObjectType = (typeof crmObjectTypes)[number];

/** HubSpot answers property values as strings (or null when unset). */
export type CrmProperties = Record<string, string | null>;

export interface CrmRecord {
  id: string;
  properties: CrmProperties;
}

/** One associated record, with the labels of its association types (unlabeled types give no label). */
export interface CrmAssociation {
  id: string;
  labels: string[];
}

export interface CrmList {
  listId: string;
  objectTypeId: string;
  /** Number of members as HubSpot last counted them; null when HubSpot did not say. */
  size: number | null;
}

/** A list as the lists search answers it: what a person picks a list by (its name). */
export interface CrmListSummary extends CrmList {
  name: string;
}

export interface CrmPropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface CrmPropertyDefinition {
  name: string;
  label: string;
  type: "number" | "enumeration";
  fieldType: "number" | "select";
  groupName: string;
  description: string;
  /** Empty for numbers. */
  options: CrmPropertyOption[];
}

/** A property as the portal has it now; its type may be anything a user chose. */
export type CrmExistingProperty = Omit<CrmPropertyDefinition, "type" | "fieldType"> & {
  type: string;
  fieldType: string;
};

/**
 * A property of the portal as the properties API lists it, hidden ones included; `readOnly` (a value no
 * one may set, HubSpot's modificationMetadata.readOnlyValue) and `calculated` as HubSpot says, false when
 * it does not.
 */
export type CrmPortalProperty = CrmExistingProperty & {
  hidden: boolean;
  readOnly: boolean;
  calculated: boolean;
};

export interface CrmPropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
}

export interface CrmRecordUpdate {
  id: string;
  /** HubSpot clears a property written as "" (docs/hubspot.md §Score properties: values are strings). */
  properties: Record<string, string>;
}

export interface CrmSearchPage {
  ids: string[];
  /** Paging token for the next page; null on the last page. */
  after: string | null;
}

/** One occurrence from event analytics (docs/hubspot.md §Event analytics): HubSpot's own event type name and properties. */
export interface CrmWebEvent {
  id: string;
  /** `e_visited_page`, `pe{portalId}_{label}`, … as HubSpot names it. */
  eventType: string;
  /** ISO 8601. */
  occurredAt: string;
  properties: Record<string, string>;
}

/** One occurrence of a portal-wide read: whose it is (the contact's id, HubSpot's objectId) beside it. */
export interface CrmPortalWebEvent extends CrmWebEvent {
  contactId: string;
}

/** One page of a portal-wide event analytics read, in HubSpot's order (newest first). */
export interface CrmPortalWebEventPage {
  events: CrmPortalWebEvent[];
  /** The next page's token, valid only with the same query; null on the last page. */
  after: string | null;
}

/**
 * A lifecycle stage's internal value: HubSpot's (`lead`, `customer`, …) or a portal's own stage id
 * (docs/hubspot.md §Lifecycle stage history).
 */
export type LifecycleStage = string;

/** The objects with a lifecycle stage. */
export type LifecycleObjectType = "contacts" | "companies";

/** One record and when it entered each stage asked for (epoch ms), null for a stage it never entered. */
export interface CrmStageEntries {
  id: string;
  enteredAtMs: Record<LifecycleStage, number | null>;
}

/** One page of every record of an object with its stage entries; `after` is null on the last page. */
export interface CrmStageEntriesPage {
  records: CrmStageEntries[];
  after: string | null;
}

/** One past value of a property, and since when the record held it (epoch ms). */
export interface CrmValueSince {
  value: string;
  sinceMs: number;
}

/** The objects a score can be for: the ones a person finds records of in "Test a record". */
export type ScoredObjectType = "contacts" | "companies" | "deals";

/** The properties findRecords answers with: enough for a person to tell two records apart. */
export const foundRecordProperties: Record<ScoredObjectType, readonly string[]> = {
  contacts: ["email", "firstname", "lastname"],
  companies: ["name", "domain"],
  deals: ["dealname"],
};

export interface CrmClient extends CrmFeeds {
  readonly portalId: string;
  /** Batch read (100 ids per call). Ids HubSpot does not know are left out of the answer. */
  readRecords(
    objectType: CrmObjectType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<CrmRecord[]>;
  /** Associations v4 batch read (1,000 ids per call, pages followed). Every asked id is a key. */
  readAssociations(
    from: CrmObjectType,
    to: CrmObjectType,
    ids: readonly string[],
  ): Promise<Map<string, CrmAssociation[]>>;
  /** Lists API v3: the lists with these ids (one call), for their sizes. */
  readLists(listIds: readonly string[]): Promise<CrmList[]>;
  /** Lists API v3: every record id in a list (pages of 250). */
  readListMemberIds(listId: string): Promise<string[]>;
  /** Lists API v3: the ids of every list one record belongs to. */
  readRecordListIds(objectTypeId: string, recordId: string): Promise<string[]>;
  /** Lists API v3 search (POST /crm/v3/lists/search): every list whose name contains `query` ("" for all), pages followed. */
  searchLists(query: string): Promise<CrmListSummary[]>;
  /** Batch update (100 records per call). */
  updateRecords(objectType: CrmObjectType, updates: readonly CrmRecordUpdate[]): Promise<void>;
  /** Every record of an object, a page of up to 100 ids at a time (objects API, no search limit). */
  listRecordIds(objectType: CrmObjectType, after: string | null): Promise<CrmSearchPage>;
  /**
   * How many records of an object the portal holds: one CRM search without filters (its `total`),
   * so a rescore job can show done/total without paging through everything first.
   */
  countRecords(objectType: CrmObjectType): Promise<number>;
  /** Records modified at or after a time, a page of up to 200 ids (CRM search, its own pace). */
  searchModifiedSince(
    objectType: CrmObjectType,
    sinceMs: number,
    after: string | null,
  ): Promise<CrmSearchPage>;
  /**
   * CRM search's full-text `query` (matched on the object's default searchable properties, not on
   * ids): up to 10 records with their foundRecordProperties, on the search lane's pace.
   */
  findRecords(objectType: ScoredObjectType, query: string): Promise<CrmRecord[]>;
  /** Creates a property group; false when it already exists. */
  createPropertyGroup(objectType: CrmObjectType, group: CrmPropertyGroup): Promise<boolean>;
  /** Batch read of property definitions; names that do not exist are left out. */
  readProperties(objectType: CrmObjectType, names: readonly string[]): Promise<CrmExistingProperty[]>;
  /** Every property of an object (GET /crm/v3/properties/{objectType}), for the builder's pickers. */
  listProperties(objectType: CrmObjectType): Promise<CrmPortalProperty[]>;
  /** Batch create; a name that exists already fails the call with code "conflict". */
  createProperties(objectType: CrmObjectType, properties: readonly CrmPropertyDefinition[]): Promise<void>;
  updateProperty(objectType: CrmObjectType, property: CrmPropertyDefinition): Promise<void>;
  /** Completes a blocked workflow-action execution (docs/hubspot.md §Workflow action callbacks) with its output fields. */
  completeActionCallback(callbackId: string, outputFields: Record<string, string>): Promise<void>;
  /**
   * Event analytics (docs/hubspot.md §Event analytics, Enterprise only): the event type names the portal has. A portal
   * below Enterprise answers with a 4xx, which fails the call (AppError with its status).
   */
  readEventTypes(): Promise<string[]>;
  /**
   * Event analytics: every occurrence of one event type for one contact, at or after `occurredAfterMs`
   * when given, pages followed (`after`). Same 4xx as readEventTypes below Enterprise.
   */
  readContactWebEvents(
    contactId: string,
    eventType: string,
    occurredAfterMs: number | null,
  ): Promise<CrmWebEvent[]>;
  /**
   * Event analytics, portal-wide (docs/decisions.md §Web events feed): one page of every contact's
   * occurrences of one event type at or after `occurredAfterMs`, no objectId sent. The spec makes
   * objectId optional but no live portal confirmed the read (UNCONFIRMED): a refusal fails the call
   * with its status (AppError), and the caller falls back to readContactWebEvents.
   */
  readPortalWebEvents(
    eventType: string,
    occurredAfterMs: number,
    after: string | null,
  ): Promise<CrmPortalWebEventPage>;
  /**
   * When each record first entered a lifecycle stage (docs/hubspot.md §Lifecycle stage history): epoch ms,
   * or null when it never did. Ids HubSpot does not know are left out of the answer.
   */
  readStageEntries(
    objectType: LifecycleObjectType,
    ids: readonly string[],
    stage: LifecycleStage,
  ): Promise<Map<string, number | null>>;
  /**
   * Every record of an object, a page of up to 100 at a time (objects list API: no search's 10,000-result
   * cap), with when each entered each of `stages` (docs/hubspot.md §Lifecycle stage history). Records whose
   * answer lacks a stage's `hs_v2_date_entered_*` are read again from lifecyclestage's history.
   */
  listStageEntries(
    objectType: LifecycleObjectType,
    stages: readonly LifecycleStage[],
    after: string | null,
  ): Promise<CrmStageEntriesPage>;
  /**
   * Every past value of the named properties (`propertiesWithHistory` in batch reads of 50), newest
   * first; a property the record never held, or the object lacks, has none. Ids HubSpot does not
   * know are left out of the answer.
   */
  readPropertyHistories(
    objectType: LifecycleObjectType,
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<Map<string, Record<string, CrmValueSince[]>>>;
  /** Batch archive of properties (a deleted score's); names that do not exist are ignored. */
  archiveProperties(objectType: CrmObjectType, names: readonly string[]): Promise<void>;
}
