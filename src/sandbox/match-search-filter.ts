import type { WireProperty } from "./property-repo.js";
import type { StoredRecord } from "./record-repo.js";

// CRM search filter operators (docs/hubspot.md §Rate limits and batching, [MIR] api/crm/search): values compare as numbers
// for number properties, as instants for dates (HubSpot takes epoch milliseconds or ISO in a
// filter), and as case-insensitive strings otherwise.

export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string | undefined;
  highValue?: string | undefined;
  values?: string[] | undefined;
}

export const searchOperators = new Set([
  "EQ",
  "NEQ",
  "LT",
  "LTE",
  "GT",
  "GTE",
  "BETWEEN",
  "IN",
  "NOT_IN",
  "HAS_PROPERTY",
  "NOT_HAS_PROPERTY",
  "CONTAINS_TOKEN",
  "NOT_CONTAINS_TOKEN",
]);

const instantNames = new Set(["hs_createdate", "createdate", "hs_lastmodifieddate", "lastmodifieddate"]);

/** The value a record has for a property in search: computed ones included. */
export function searchValueOf(record: StoredRecord, name: string): string | null {
  if (name === "hs_object_id") return String(record.id);
  if (name === "hs_createdate" || name === "createdate") return String(record.createdAtMs);
  if (name === "hs_lastmodifieddate" || name === "lastmodifieddate") return String(record.updatedAtMs);
  return record.properties[name] ?? null;
}

type Kind = "number" | "instant" | "string";

export function kindOf(name: string, property: WireProperty | null): Kind {
  if (instantNames.has(name) || property?.type === "datetime" || property?.type === "date") return "instant";
  if (name === "hs_object_id" || property?.type === "number") return "number";
  return "string";
}

export function comparable(kind: Kind, raw: string): number | string {
  if (kind === "number") return Number(raw);
  if (kind === "instant") return /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return raw.toLowerCase();
}

function tokenMatches(haystack: string, pattern: string): boolean {
  const escaped = pattern
    .toLowerCase()
    .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*");
  return (
    haystack
      .toLowerCase()
      .split(/[\s@.,;]+/)
      .some((token) => new RegExp(`^${escaped}$`).test(token)) ||
    new RegExp(`^${escaped}$`).test(haystack.toLowerCase())
  );
}

export function matchesFilter(
  record: StoredRecord,
  filter: SearchFilter,
  property: WireProperty | null,
): boolean {
  const raw = searchValueOf(record, filter.propertyName);
  if (filter.operator === "HAS_PROPERTY") return raw !== null;
  if (filter.operator === "NOT_HAS_PROPERTY") return raw === null;
  const kind = kindOf(filter.propertyName, property);
  const values = (filter.values ?? []).map((v) => comparable(kind, String(v)));
  if (filter.operator === "NOT_IN") return raw === null || !values.includes(comparable(kind, raw));
  if (filter.operator === "NEQ")
    return raw === null || comparable(kind, raw) !== comparable(kind, filter.value ?? "");
  if (filter.operator === "NOT_CONTAINS_TOKEN") return raw === null || !tokenMatches(raw, filter.value ?? "");
  if (raw === null) return false;
  const mine = comparable(kind, raw);
  const theirs = comparable(kind, filter.value ?? "");
  switch (filter.operator) {
    case "EQ":
      return mine === theirs;
    case "LT":
      return mine < theirs;
    case "LTE":
      return mine <= theirs;
    case "GT":
      return mine > theirs;
    case "GTE":
      return mine >= theirs;
    case "BETWEEN":
      return mine >= theirs && mine <= comparable(kind, filter.highValue ?? "");
    case "IN":
      return values.includes(mine);
    case "CONTAINS_TOKEN":
      return tokenMatches(raw, filter.value ?? "");
    default:
      return false;
  }
}
