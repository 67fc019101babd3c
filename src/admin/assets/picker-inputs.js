import { h, textInput } from "./dom.js";
import { isPlainDay } from "./picker-matches.js";

// Inputs that say what they hold (docs/decisions.md §Builder pickers): a date picker for a day, and a
// number with its unit beside it.

/**
 * A date picker for a day (2026-01-31, which docs/scoring.md §Timeframe reads as midnight UTC). A date
 * the definition holds with a time, a zone or as epoch milliseconds stays a text input, as typed.
 * @param {import("./types.js").Scalar | undefined} value
 * @param {(value: string) => void} onInput
 * @param {import("./types.js").Attrs} [attrs]
 */
export function dayInput(value, onInput, attrs = {}) {
  if (!isPlainDay(value))
    return textInput(value, onInput, { ...attrs, title: "A date and time (ISO 8601), kept as typed" });
  return h("input", {
    type: "date",
    value: value ?? "",
    // "input" fires for a whole date only; a half-typed one reads "" and must not clear the saved one.
    onInput: (/** @type {Event} */ e) => {
      const input = /** @type {HTMLInputElement} */ (e.currentTarget);
      if (input.value !== "" || input.validity.valid) onInput(input.value);
    },
    ...attrs,
  });
}

/**
 * A number input with its unit after it ("times", "days").
 * @param {HTMLInputElement} input
 * @param {string} unit
 */
export const withUnit = (input, unit) =>
  h("span", { class: "with-unit" }, input, h("span", { class: "unit" }, unit));
