import { splitTrimmed } from "./builder-edits.js";
import { field, h, inputValue, select, textInput } from "./dom.js";
import { findProperty, propertiesFor } from "./picker-catalog.js";
import { checklistField } from "./picker-checklist.js";
import { comboboxField } from "./picker-combobox.js";
import { propertyOptions } from "./picker-matches.js";

// The pickers of one condition (docs/decisions.md §Builder pickers): its property by label, and its
// value or values from the property's options or the portal's lists. The definition keeps internal
// names, option values and list ids (docs/scoring.md §Formats).

/** @typedef {import("./types.js").DraftCondition} DraftCondition */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {import("./types.js").PropertySource} PropertySource */

/**
 * How the notes name a source: "properties of contacts", "properties of meeting events".
 * @param {FormContext} ctx
 * @param {PropertySource} source
 */
export function sourceName(ctx, source) {
  if ("event" in source) return `properties of ${source.event || "these"} events`;
  const object = source.object === "self" ? (ctx.pickers?.scoredObject() ?? "this object") : source.object;
  return `properties of ${object}`;
}

/**
 * The property a condition reads, picked by label (its internal name on hover).
 * @param {DraftCondition} condition
 * @param {string} path
 * @param {FormContext} ctx
 * @param {PropertySource} source
 */
export function propertyField(condition, path, ctx, source) {
  const state = propertiesFor(ctx.pickers, source);
  return comboboxField({
    label: "Property",
    path: `${path}.property`,
    value: condition.property,
    state: state.status === "ready" ? { status: "ready", data: propertyOptions(state.data) } : state,
    what: sourceName(ctx, source),
    placeholder: state.status === "ready" ? "Search by label or name" : "internal name, e.g. form_name",
    onText: (name) => {
      condition.property = name;
      ctx.changed();
    },
    // A picked property may take other inputs (options to tick): draw them, focus the operator.
    onPick: (name) => {
      condition.property = name;
      ctx.rerender(`${path}.operator`);
    },
  });
}

/**
 * The options of the condition's property, when HubSpot lists some (an enumeration).
 * @param {DraftCondition} condition
 * @param {FormContext} ctx
 * @param {PropertySource} source
 */
export function optionsOf(condition, ctx, source) {
  const property = findProperty(propertiesFor(ctx.pickers, source), condition.property);
  return property && property.options.length > 0 ? property : undefined;
}

/**
 * One option of an enumeration for `eq`/`neq`: a select of the labels, keeping a value typed before.
 * @param {DraftCondition} condition
 * @param {string} path
 * @param {FormContext} ctx
 * @param {import("./types.js").PickerProperty} property
 */
export function optionSelect(condition, path, ctx, property) {
  const value = condition.value === undefined ? "" : String(condition.value);
  const known = property.options.some((o) => o.value === value);
  /** @type {[string, string][]} */
  const choices = [
    ["", "Choose a value"],
    ...property.options.map((o) => /** @type {[string, string]} */ ([o.value, o.label])),
    ...(!known && value !== ""
      ? [/** @type {[string, string]} */ ([value, `${value} (kept as typed)`])]
      : []),
  ];
  return field(
    "Value",
    `${path}.value`,
    select(choices, value, (v) => {
      condition.value = v;
      ctx.changed();
    }),
  );
}

/**
 * Checkboxes for several values: the property's options, or the portal's lists for a list rule.
 * @param {DraftCondition} condition
 * @param {string} path
 * @param {FormContext} ctx
 * @param {{property?: import("./types.js").PickerProperty, lists: boolean, source: PropertySource}} from
 * @param {() => void} [onValuesChanged]
 */
export function valuesChecklist(condition, path, ctx, from, onValuesChanged) {
  // A list rule with `of` is on the associated records' lists (docs/scoring.md §Associated records).
  const object = "object" in from.source && from.source.object !== "self" ? from.source.object : undefined;
  const lists = ctx.pickers?.lists(object) ?? { status: "none" };
  /** @type {import("./types.js").CatalogState<readonly import("./types.js").PickOption[]>} */
  let state = { status: "none" };
  if (from.lists)
    state = lists.status === "ready" ? { status: "ready", data: lists.data.map(listOption) } : lists;
  else if (from.property) state = { status: "ready", data: from.property.options };
  const typed = state.status !== "ready";
  return checklistField({
    label: from.lists
      ? typed
        ? "List ids, one per line"
        : "Lists"
      : typed
        ? "Values, one per line"
        : "Values",
    path: `${path}.values`,
    values: condition.values ?? [],
    state,
    what: from.lists ? "lists" : `options of ${from.property?.label ?? "this property"}`,
    onValues: (values) => {
      condition.values = values;
      ctx.changed();
      onValuesChanged?.();
    },
    // Options name whole values; "contains" also takes a part of one, and a value may be new.
    ...(from.lists
      ? {}
      : {
          addTyped: (/** @type {string} */ value) => {
            condition.values = [...(condition.values ?? []).filter((v) => v !== value), value];
            onValuesChanged?.();
            ctx.rerender(`${path}.values`);
          },
        }),
    freeText: () =>
      h("textarea", {
        rows: 3,
        value: (condition.values ?? []).join("\n"),
        onInput: (/** @type {Event} */ e) => {
          condition.values = splitTrimmed(inputValue(e), "\n");
          ctx.changed();
        },
        onChange: () => onValuesChanged?.(),
      }),
  });
}

/**
 * A list as a checkbox shows it: its name and size, its id on hover.
 * @param {import("./types.js").PickerList} list
 * @returns {import("./types.js").PickOption}
 */
export const listOption = (list) => ({
  value: list.id,
  label: list.size === null ? list.name : `${list.name} (${list.size})`,
  hint: `id ${list.id}`,
});

/**
 * The portal's lists as checkboxes for a scope's include or exclude; list ids typed comma-separated
 * when they cannot be loaded.
 * @param {string[] | undefined} ids
 * @param {string} label
 * @param {string} path
 * @param {FormContext} ctx
 * @param {(ids: string[]) => void} onIds
 */
export function listsField(ids, label, path, ctx, onIds) {
  const lists = ctx.pickers?.lists() ?? { status: "none" };
  return checklistField({
    label,
    path,
    values: ids ?? [],
    state: lists.status === "ready" ? { status: "ready", data: lists.data.map(listOption) } : lists,
    what: "lists",
    onValues: (values) => {
      onIds(values);
      ctx.changed();
    },
    freeText: () =>
      textInput(
        (ids ?? []).join(", "),
        (text) => {
          onIds(splitTrimmed(text, ","));
          ctx.changed();
        },
        { placeholder: "list ids, comma-separated" },
      ),
  });
}
