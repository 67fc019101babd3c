// What a picker shows and keeps, apart from the DOM (docs/decisions.md §Builder pickers): the options
// that match what is typed, labels for internal values, and the values a checklist holds.

/** @typedef {import("./types.js").PickOption} PickOption */

const folded = (/** @type {string} */ text) => text.trim().toLocaleLowerCase();

/**
 * The options matching typed text, by label or internal name, in any case: labels starting with it
 * first, then the rest in their order; everything for no text. At most `limit`.
 * @param {readonly PickOption[]} options
 * @param {string} text
 * @param {number} [limit]
 */
export function matchOptions(options, text, limit = 50) {
  const wanted = folded(text);
  if (wanted === "") return options.slice(0, limit);
  const starts = [];
  const contains = [];
  for (const option of options) {
    const label = folded(option.label);
    if (label.startsWith(wanted)) starts.push(option);
    else if (label.includes(wanted) || folded(option.value).includes(wanted)) contains.push(option);
  }
  return [...starts, ...contains].slice(0, limit);
}

/**
 * The option typed text names exactly, by label or internal name, in any case.
 * @param {readonly PickOption[]} options
 * @param {string} text
 */
export function optionNamed(options, text) {
  const wanted = folded(text);
  if (wanted === "") return undefined;
  return (
    options.find((o) => o.value === text.trim()) ??
    options.find((o) => folded(o.label) === wanted || folded(o.value) === wanted)
  );
}

/**
 * What a picker's input shows for a saved value: its option's label, or the value itself.
 * @param {readonly PickOption[]} options
 * @param {string | undefined} value
 */
export const shownText = (options, value) => options.find((o) => o.value === value)?.label ?? value ?? "";

/**
 * The value a picker saves for typed text: the internal value of the option it names, or the text as typed.
 * @param {readonly PickOption[]} options
 * @param {string} text
 */
export const valueOfText = (options, text) => optionNamed(options, text)?.value ?? text.trim();

/**
 * A checklist's values after one box changes: a checked value is added at the end, once; an
 * unchecked one removed. Values no box shows stay where they are.
 * @template T
 * @param {readonly T[]} values
 * @param {T} value
 * @param {boolean} checked
 * @returns {T[]}
 */
export function toggleValue(values, value, checked) {
  const without = values.filter((v) => v !== value);
  return checked ? [...without, value] : without;
}

/**
 * The boxes of a checklist: every option, then the values the definition holds that no option
 * offers (a value typed before, an option removed in HubSpot since), so none is lost.
 * @param {readonly PickOption[]} options
 * @param {readonly (import("./types.js").Scalar | undefined)[]} values
 * @returns {(PickOption & {checked: boolean, unknown?: true})[]}
 */
export function checklistBoxes(options, values) {
  const held = values.filter((v) => v !== undefined && v !== "").map(String);
  const known = new Set(options.map((o) => o.value));
  return [
    ...options.map((o) => ({ ...o, checked: held.includes(o.value) })),
    ...held
      .filter((v) => !known.has(v))
      .map((v) => ({ value: v, label: v, checked: true, unknown: /** @type {const} */ (true) })),
  ];
}

/**
 * Whether a date a definition holds can be shown by a date input: empty, or a day (2026-01-31).
 * A time, a zone or epoch milliseconds stay in a text input, as typed.
 * @param {import("./types.js").Scalar | undefined} value
 */
export const isPlainDay = (value) =>
  value === undefined || value === "" || /^\d{4}-\d{2}-\d{2}$/.test(String(value));

/**
 * Picker options from properties: the label shown, the internal name kept and shown on hover.
 * @param {readonly import("./types.js").PickerProperty[]} properties
 * @returns {PickOption[]}
 */
export const propertyOptions = (properties) =>
  properties.map((p) => ({ value: p.name, label: p.label, hint: p.name }));
