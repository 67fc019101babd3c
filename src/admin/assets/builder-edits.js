import { setOrDelete, textInput } from "./dom.js";

// How an input writes into the definition: every edit sets one key and tells the builder
// (ctx.changed()) so the JSON view follows and the score counts as unsaved.

/**
 * An input handler that sets obj[key], empty values included (a required field shows its problem).
 * @template {object} T
 * @template {keyof T} K
 * @param {T} obj
 * @param {K} key
 * @param {import("./types.js").FormContext} ctx
 * @returns {(value: T[K]) => void}
 */
export const sets = (obj, key, ctx) => (value) => {
  obj[key] = value;
  ctx.changed();
};

/**
 * An input handler for an optional key: an empty value removes it, so the JSON stays minimal.
 * @template {object} T
 * @template {keyof T} K
 * @param {T} obj
 * @param {K} key
 * @param {import("./types.js").FormContext} ctx
 * @returns {(value: T[K] | undefined) => void}
 */
export const setsOrDeletes = (obj, key, ctx) => (value) => {
  setOrDelete(obj, key, value);
  ctx.changed();
};

/**
 * The non-empty, trimmed items of text typed as a list ("12, 13", or one value per line).
 * @param {string} text
 * @param {string} separator
 */
export const splitTrimmed = (text, separator) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== "");

/**
 * A text input for a list typed comma-separated: list ids, association labels.
 * @param {readonly string[] | undefined} list
 * @param {(list: string[]) => void} onList
 */
export const commaListInput = (list, onList) =>
  textInput((list ?? []).join(", "), (text) => onList(splitTrimmed(text, ",")));
