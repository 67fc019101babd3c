import { checkedOf, h, inputValue, uid } from "./dom.js";
import { noteElement, pickerNote } from "./picker-combobox.js";
import { checklistBoxes, matchOptions, toggleValue } from "./picker-matches.js";

// Checkboxes for the values of a condition or the lists of a scope (docs/decisions.md §Builder
// pickers): one box per option, labelled as HubSpot labels it, its internal value on hover; the
// definition keeps the values. Long checklists get a filter box. Without a catalog, the free-text
// control the caller gives, with a note.

/** @typedef {import("./types.js").PickOption} PickOption */

const FILTER_FROM = 8;

/**
 * @param {{
 *   label: string,
 *   path: string,
 *   values: readonly (import("./types.js").Scalar | undefined)[],
 *   state: import("./types.js").CatalogState<readonly PickOption[]>,
 *   what: string,
 *   onValues: (values: string[]) => void,
 *   freeText: () => HTMLElement,
 *   addTyped?: (value: string) => void,
 * }} spec `addTyped`: a value no box offers may be typed and added (a part of a name for "contains")
 */
export function checklistField(spec) {
  if (spec.state.status !== "ready") {
    const control = spec.freeText();
    control.id ||= uid();
    const note = pickerNote(spec.state, undefined, spec.what);
    return h(
      "div",
      { class: "field", dataset: { path: spec.path } },
      h("label", { for: control.id }, spec.label),
      control,
      noteElement(spec.state, note),
    );
  }
  const options = spec.state.data;
  let values = spec.values.filter((v) => v !== undefined && v !== "").map(String);
  const boxes = checklistBoxes(options, values).map((box) =>
    h(
      "label",
      { class: "check-option", title: box.value, dataset: { value: box.value } },
      h("input", {
        type: "checkbox",
        value: box.value,
        checked: box.checked,
        onChange: (/** @type {Event} */ e) => {
          values = toggleValue(values, box.value, checkedOf(e));
          spec.onValues(values);
        },
      }),
      " ",
      box.label,
      box.hint && box.hint !== box.value ? h("small", { class: "hint" }, ` ${box.hint}`) : null,
      box.unknown ? h("small", { class: "hint" }, " (not among the options: kept as typed)") : null,
    ),
  );
  const filter =
    options.length >= FILTER_FROM
      ? h("input", {
          type: "search",
          placeholder: "Filter",
          "aria-label": `Filter ${spec.label.toLocaleLowerCase()}`,
          onInput: (/** @type {Event} */ e) => {
            const matching = new Set(
              matchOptions(options, inputValue(e), options.length).map((o) => o.value),
            );
            for (const box of boxes) {
              const value = box.dataset.value ?? "";
              box.hidden = !matching.has(value) && !values.includes(value);
            }
          },
        })
      : null;
  return h(
    "fieldset",
    { class: "checklist", dataset: { path: spec.path } },
    h("legend", {}, spec.label),
    filter,
    options.length === 0 ? h("small", { class: "hint" }, `HubSpot lists no ${spec.what}.`) : null,
    h("div", { class: "check-options" }, boxes),
    spec.addTyped && typedValueInput(spec.addTyped),
  );
}

/**
 * A text input adding what is typed as one more value, on Enter or on leaving it.
 * @param {(value: string) => void} add
 */
function typedValueInput(add) {
  const take = (/** @type {Event} */ e) => {
    const input = /** @type {HTMLInputElement} */ (e.currentTarget);
    const value = input.value.trim();
    input.value = "";
    if (value !== "") add(value);
  };
  return h("input", {
    type: "text",
    class: "typed-value",
    placeholder: "Another value, typed",
    "aria-label": "Another value, typed",
    onChange: take,
    onKeydown: (/** @type {Event} */ e) => {
      if (/** @type {KeyboardEvent} */ (e).key !== "Enter") return;
      e.preventDefault();
      take(e);
    },
  });
}
