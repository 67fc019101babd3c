import { sets } from "./builder-edits.js";
import { h, numberInput, select, uid } from "./dom.js";
import { dayInput, withUnit } from "./picker-inputs.js";

// docs/scoring.md §Event rules: timeframe and frequency.

/** @typedef {import("./types.js").DraftEventRule} DraftEventRule */
/** @typedef {import("./types.js").DraftTimeframe} DraftTimeframe */
/** @typedef {import("./types.js").DraftFrequency} DraftFrequency */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {"" | "within" | "before" | "after" | "between"} TimeframeKind */
/** @typedef {"" | "exactly" | "atLeast" | "atMost" | "between"} FrequencyKind */

/** @type {readonly (readonly [TimeframeKind, string])[]} */
const TIMEFRAMES = [
  ["", "any time"],
  ["within", "in the last …"],
  ["before", "before a date"],
  ["after", "after a date"],
  ["between", "between two dates"],
];
/** @type {readonly (readonly [FrequencyKind, string])[]} */
const FREQUENCIES = [
  ["", "every occurrence counts"],
  ["exactly", "exactly n times"],
  ["atLeast", "at least n times"],
  ["atMost", "at most n times"],
  ["between", "between a and b times"],
];

/**
 * Which kind a filter is: its one key, or "" for none.
 * @template {string} Kind
 * @param {object | undefined} filter
 * @returns {Kind | ""}
 */
export const filterKind = (filter) => (filter ? /** @type {Kind} */ (Object.keys(filter)[0] ?? "") : "");

/**
 * The timeframe a kind starts with: the last 30 days, or dates still to type.
 * @param {TimeframeKind} kind
 * @returns {DraftTimeframe | undefined}
 */
export function newTimeframe(kind) {
  if (kind === "") return undefined;
  if (kind === "within") return { within: { amount: 30, unit: "days" } };
  if (kind === "between") return { between: ["", ""] };
  return kind === "before" ? { before: "" } : { after: "" };
}

/**
 * The frequency a kind starts with: once, or between once and twice.
 * @param {FrequencyKind} kind
 * @returns {DraftFrequency | undefined}
 */
export function newFrequency(kind) {
  if (kind === "") return undefined;
  return kind === "between" ? { between: [1, 2] } : { [kind]: 1 };
}

/**
 * A filter's kind picker and the inputs that kind takes, side by side.
 * @param {string} label
 * @param {string} path
 * @param {HTMLSelectElement} pick
 * @param {HTMLElement | null} detail
 */
function filterField(label, path, pick, detail) {
  pick.id = uid();
  return h(
    "div",
    { class: "field", dataset: { path } },
    // A label naming the select alone: wrapping it would fold the option texts into its name.
    h("label", { for: pick.id }, label),
    h("div", { class: "pair" }, pick, detail),
  );
}

/**
 * @param {DraftTimeframe} tf
 * @param {FormContext} ctx
 */
function timeframeDetail(tf, ctx) {
  if ("within" in tf)
    return h(
      "div",
      { class: "pair" },
      numberInput(tf.within.amount, sets(tf.within, "amount", ctx), { "aria-label": "Amount", min: 1 }),
      select(
        /** @type {const} */ (["days", "weeks", "months", "years"]).map((u) => [u, u]),
        tf.within.unit,
        sets(tf.within, "unit", ctx),
        { "aria-label": "Unit" },
      ),
    );
  if ("between" in tf)
    return h(
      "div",
      { class: "pair" },
      dayInput(tf.between[0], sets(tf.between, 0, ctx), { "aria-label": "From date" }),
      dayInput(tf.between[1], sets(tf.between, 1, ctx), { "aria-label": "To date" }),
    );
  const attrs = { "aria-label": "Date" };
  return "before" in tf
    ? dayInput(tf.before, sets(tf, "before", ctx), attrs)
    : dayInput(tf.after, sets(tf, "after", ctx), attrs);
}

/**
 * When the event happened: any time, within the last n units, before, after or between dates.
 * @param {DraftEventRule} rule
 * @param {string} path
 * @param {FormContext} ctx
 */
export function timeframeFields(rule, path, ctx) {
  const tf = rule.timeframe;
  /** @type {TimeframeKind} */
  const kind = filterKind(tf);
  const pick = select(TIMEFRAMES, kind, (k) => {
    const timeframe = newTimeframe(k);
    if (timeframe) rule.timeframe = timeframe;
    else delete rule.timeframe;
    ctx.rerender(`${path}.timeframe`);
  });
  return filterField("Timeframe", `${path}.timeframe`, pick, tf && kind ? timeframeDetail(tf, ctx) : null);
}

/**
 * @param {DraftFrequency} fq
 * @param {FormContext} ctx
 */
function frequencyDetail(fq, ctx) {
  /**
   * @template {string | number} K
   * @param {{[key in K]?: number}} obj
   * @param {K} key
   * @param {string} label
   */
  const count = (obj, key, label) =>
    withUnit(numberInput(obj[key], sets(obj, key, ctx), { min: 0, step: 1, "aria-label": label }), "times");
  if ("between" in fq)
    return h("div", { class: "pair" }, count(fq.between, 0, "At least"), count(fq.between, 1, "At most"));
  // A frequency other than `between` has one key, its kind.
  const kind = /** @type {"exactly" | "atLeast" | "atMost"} */ (filterKind(fq));
  return count(/** @type {{[key in typeof kind]?: number}} */ (fq), kind, "Times");
}

/**
 * How often it must have happened: every occurrence counts, or exactly, at least, at most, between.
 * @param {DraftEventRule} rule
 * @param {string} path
 * @param {FormContext} ctx
 */
export function frequencyFields(rule, path, ctx) {
  const fq = rule.frequency;
  /** @type {FrequencyKind} */
  const kind = filterKind(fq);
  const pick = select(FREQUENCIES, kind, (k) => {
    const frequency = newFrequency(k);
    if (frequency) rule.frequency = frequency;
    else delete rule.frequency;
    ctx.rerender(`${path}.frequency`);
  });
  return filterField("Frequency", `${path}.frequency`, pick, fq && kind ? frequencyDetail(fq, ctx) : null);
}
