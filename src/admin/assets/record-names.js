import { h } from "./dom.js";

// Records by name, not id (docs/decisions.md §Records by name): a panel asks GET /records/:objectType/names
// once for every id it shows, and each record is shown by name with its id on hover.

/** @typedef {import("./types.js").NamedRecord} NamedRecord */
/** @typedef {ReadonlyMap<string, NamedRecord>} RecordNames */

/** The admin API's limit per request (MAX_NAMED). */
const PER_REQUEST = 200;

/**
 * The names of `ids` (duplicates and empty ids dropped), in requests of 200. Names only help: when
 * HubSpot cannot be read the panel still shows its ids, so a failure gives no names rather than an error.
 * @param {import("./types.js").PortalCall} call
 * @param {import("./types.js").ObjectType} objectType
 * @param {readonly (string | null | undefined)[]} ids
 * @returns {Promise<RecordNames>}
 */
export async function loadRecordNames(call, objectType, ids) {
  const wanted = [...new Set(ids.filter((id) => typeof id === "string" && /^\d+$/.test(id)))];
  /** @type {Map<string, NamedRecord>} */
  const names = new Map();
  const requests = [];
  for (let at = 0; at < wanted.length; at += PER_REQUEST)
    requests.push(wanted.slice(at, at + PER_REQUEST).join(","));
  try {
    const answers = await Promise.all(
      requests.map((ids) => call("GET", `/records/${objectType}/names?ids=${ids}`)),
    );
    for (const answer of answers)
      for (const record of /** @type {{records: NamedRecord[]}} */ (answer).records)
        names.set(record.id, record);
  } catch {
    return new Map();
  }
  return names;
}

/**
 * What a record is shown as: its name, with the id and every known detail on hover; a record without
 * a name (not read, or gone from HubSpot) is shown by id.
 * @param {string} id
 * @param {RecordNames} names
 * @returns {{text: string, title: string}}
 */
export function recordText(id, names) {
  const named = names.get(id);
  if (!named) return { text: `#${id}`, title: `record ${id}` };
  return { text: named.name, title: `${named.label} (record ${id})` };
}

/**
 * A record's name in a span whose hover (title) says its id; `data-record-id` keeps the id for scripts.
 * @param {string} id
 * @param {RecordNames} names
 */
export function recordName(id, names) {
  const { text, title } = recordText(id, names);
  return h("span", { class: "record-name", title, dataset: { recordId: id } }, text);
}
