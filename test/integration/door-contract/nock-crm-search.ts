import { buildErrorBody } from "../../fixtures/hubspot/crm-payloads.js";
import { buildSearchPage, secondlySearchLimitBody } from "../../fixtures/hubspot/search-payloads.js";
import type { NockRecord, NockWorldRecords } from "./nock-world-records.js";

// POST /crm/v3/objects/{type}/search as HubSpot documents it (docs/hubspot.md §Rate limits and batching; [MIR]
// api/crm/search): filterGroups ORed, the filters in a group ANDed, at most 5 groups of 6 and 18
// filters in all; `query` matched, in any case, on the object's default searchable properties
// only; results oldest first, up to 200 a page, `after` the offset of the next result ("after":
// "20"); no result past the 10,000th, and the token that pages beyond it answered 400; `total`
// counting every match; 5 searches a second per token, the sixth answered 429 "secondly" (search
// answers carry no rate-limit headers).

const MAX_RESULTS = 10_000;
const SEARCHES_PER_SECOND = 5;

/** [MIR] api/crm/search, "Search default searchable properties". */
const defaultSearchable: Record<string, readonly string[]> = {
  contacts: [
    "firstname",
    "lastname",
    "email",
    "phone",
    "hs_additional_emails",
    "fax",
    "mobilephone",
    "company",
    "hs_marketable_until_renewal",
  ],
  companies: ["website", "phone", "name", "domain"],
  deals: ["dealname", "pipeline", "dealstage", "description", "dealtype"],
  calls: ["hs_call_title", "hs_body_preview"],
  emails: ["hs_email_subject"],
  meetings: ["hs_meeting_title", "hs_meeting_body"],
  notes: ["hs_note_body"],
  tasks: ["hs_task_body", "hs_task_subject"],
};

interface Filter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface SearchBody {
  filterGroups?: { filters: Filter[] }[];
  query?: string;
  properties?: string[];
  limit?: number;
  after?: string;
}

type Answer = [number, unknown];

const instants = new Set(["hs_createdate", "createdate", "hs_lastmodifieddate", "lastmodifieddate"]);

/** What a filter compares: instants as epoch ms (a filter may give ms or ISO), numbers as numbers. */
function comparable(name: string, raw: string): number | string {
  if (instants.has(name)) return /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return raw !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw.toLowerCase();
}

function searchValueOf(record: NockRecord, name: string): string | null {
  if (name === "hs_object_id") return record.id;
  if (name === "hs_createdate" || name === "createdate") return String(record.createdAtMs);
  if (name === "hs_lastmodifieddate" || name === "lastmodifieddate") return String(record.modifiedAtMs);
  return record.properties[name] ?? null;
}

type Value = number | string;
/** Each operator on a record's value (null: unset) and the filter's values, made comparable. */
type Operator = (mine: Value | null, value: Value, high: Value, listed: Value[]) => boolean;

const operators: Record<string, Operator> = {
  HAS_PROPERTY: (mine) => mine !== null,
  NOT_HAS_PROPERTY: (mine) => mine === null,
  EQ: (mine, value) => mine === value,
  NEQ: (mine, value) => mine !== value,
  IN: (mine, _v, _h, listed) => mine !== null && listed.includes(mine),
  NOT_IN: (mine, _v, _h, listed) => mine === null || !listed.includes(mine),
  LT: (mine, value) => mine !== null && mine < value,
  LTE: (mine, value) => mine !== null && mine <= value,
  GT: (mine, value) => mine !== null && mine > value,
  GTE: (mine, value) => mine !== null && mine >= value,
  BETWEEN: (mine, value, high) => mine !== null && mine >= value && mine <= high,
};

function matches(record: NockRecord, filter: Filter): boolean {
  const at = (v: string | undefined) => comparable(filter.propertyName, v ?? "");
  const raw = searchValueOf(record, filter.propertyName);
  const operator = operators[filter.operator] ?? (() => false);
  return operator(
    raw === null ? null : at(raw),
    at(filter.value),
    at(filter.highValue),
    (filter.values ?? []).map(at),
  );
}

function refusal(body: SearchBody): string | null {
  const groups = body.filterGroups ?? [];
  const filters = groups.reduce((sum, group) => sum + group.filters.length, 0);
  if (groups.length > 5 || groups.some((g) => g.filters.length > 6) || filters > 18)
    return "Search allows at most 5 filterGroups of 6 filters each, 18 filters in all";
  const unknown = groups.flatMap((g) => g.filters).find((f) => !Object.hasOwn(operators, f.operator));
  if (unknown) return `Unknown filter operator: ${unknown.operator}`;
  if ((body.limit ?? 10) > 200) return `limit must be at most 200; got ${body.limit}`;
  const offset = Number(body.after ?? 0);
  if (!Number.isInteger(offset) || offset < 0) return `after is not a valid paging cursor: ${body.after}`;
  if (offset >= MAX_RESULTS)
    return `Search results are capped at ${MAX_RESULTS}; after=${offset} is beyond them`;
  return null;
}

export function createNockCrmSearch(world: NockWorldRecords) {
  /** Start times of each token's searches HubSpot served; refused ones do not count. */
  const served = new Map<string, number[]>();
  return function answerSearch(type: string, body: SearchBody, token: string): Answer {
    const now = world.nowMs();
    const recent = (served.get(token) ?? []).filter((at) => at > now - 1_000);
    if (recent.length >= SEARCHES_PER_SECOND) return [429, secondlySearchLimitBody];
    served.set(token, [...recent, now]);

    const refused = refusal(body);
    if (refused) return [400, buildErrorBody(400, refused)];
    const groups = body.filterGroups ?? [];
    const wanted = body.query?.trim().toLowerCase();
    const found: NockRecord[] = [];
    for (const record of world.all(type)) {
      const inGroups = groups.length === 0 || groups.some((g) => g.filters.every((f) => matches(record, f)));
      const inQuery =
        !wanted ||
        (defaultSearchable[type] ?? []).some((n) => record.properties[n]?.toLowerCase().includes(wanted));
      if (inGroups && inQuery) found.push(record);
    }
    const offset = Number(body.after ?? 0);
    const end = Math.min(offset + (body.limit ?? 10), found.length, MAX_RESULTS);
    const results = found
      .slice(offset, end)
      .map((record) => world.wire(type, record.id, body.properties ?? ["hs_object_id"]));
    // The page reaching the cap still names the next offset; following it is the 400 above.
    const next = end < found.length ? { after: String(end) } : {};
    return [200, buildSearchPage(results, { total: found.length, ...next })];
  };
}
