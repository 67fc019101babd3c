import { sets, splitTrimmed } from "./builder-edits.js";
import { button, field, h, inputValue, numberInput, select, textInput } from "./dom.js";

/** @typedef {import("./types.js").DraftCondition} DraftCondition */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {import("./types.js").Operator} Operator */
/** @typedef {"none" | "text" | "texts" | "number" | "numberRange" | "date" | "dateRange"} Operand */

// docs/scoring.md §Property operators: every operator, and the operand each one takes.
/** @type {readonly (readonly [Operator, string, Operand])[]} */
export const OPERATORS = [
  ["eq", "is equal to", "text"],
  ["neq", "is not equal to", "text"],
  ["in", "is any of", "texts"],
  ["notIn", "is none of", "texts"],
  ["containsAny", "contains any of", "texts"],
  ["notContainsAny", "contains none of", "texts"],
  ["known", "is known", "none"],
  ["unknown", "is unknown", "none"],
  ["gt", "is greater than", "number"],
  ["gte", "is at least", "number"],
  ["lt", "is less than", "number"],
  ["lte", "is at most", "number"],
  ["between", "is between (numbers)", "numberRange"],
  ["before", "is before (date)", "date"],
  ["after", "is after (date)", "date"],
  ["betweenDates", "is between (dates)", "dateRange"],
  ["inList", "is in list (ids)", "texts"],
  ["notInList", "is not in list (ids)", "texts"],
];
/**
 * The operand an operator takes; "text" for an operator the page does not know.
 * @param {string | undefined} operator
 * @returns {Operand}
 */
export const operandOf = (operator) => OPERATORS.find(([op]) => op === operator)?.[2] ?? "text";
/** Whether the operator takes a list of texts (the values points by value are keyed by). */
export const takesTexts = (/** @type {string | undefined} */ operator) => operandOf(operator) === "texts";

/**
 * On an operator change, keep `value`/`values` only when the new operator takes the same operand.
 * @param {DraftCondition} condition
 * @param {Operator} operator
 */
export function changeOperator(condition, operator) {
  const before = operandOf(condition.operator);
  condition.operator = operator;
  const after = operandOf(operator);
  if (before === after) return;
  delete condition.value;
  delete condition.values;
  if (after === "texts") condition.values = [];
}

/**
 * Sets one end of a range condition's `values` ([from, to]); the other end stays as last typed, or empty.
 * @param {DraftCondition} condition
 * @param {0 | 1} index
 * @param {import("./types.js").Scalar | undefined} value
 */
export function setRangeEnd(condition, index, value) {
  // Read at each edit, not when the inputs were drawn: typing "from" then "to" without a redraw
  // must keep both.
  const pair = [condition.values?.[0], condition.values?.[1]];
  pair[index] = value;
  condition.values = pair;
}

/**
 * The operand inputs of a condition (or a fit rule, which is a condition with points).
 * @param {DraftCondition} condition
 * @param {string} path
 * @param {FormContext} ctx
 * @param {() => void} [onValuesChanged]
 */
export function operandFields(condition, path, ctx, onValuesChanged) {
  const operand = operandOf(condition.operator);
  switch (operand) {
    case "none":
      return null;
    case "text":
    case "date":
      return field(
        operand === "date" ? "Date (ISO 8601, e.g. 2026-01-31)" : "Value",
        `${path}.value`,
        textInput(condition.value, sets(condition, "value", ctx)),
      );
    case "number":
      return field("Number", `${path}.value`, numberInput(condition.value, sets(condition, "value", ctx)));
    case "texts":
      return field(
        "Values, one per line",
        `${path}.values`,
        h("textarea", {
          rows: 3,
          value: (condition.values ?? []).join("\n"),
          onInput: (e) => {
            condition.values = splitTrimmed(inputValue(e), "\n");
            ctx.changed();
          },
          // Points by value are keyed by these values: rebuild them once the list is edited.
          onChange: () => onValuesChanged?.(),
        }),
      );
    default: {
      const pair = condition.values ?? [];
      const isNumber = operand === "numberRange";
      /** @type {(i: 0 | 1, v: import("./types.js").Scalar | undefined) => void} */
      const set = (i, v) => {
        setRangeEnd(condition, i, v);
        ctx.changed();
      };
      /** @type {(i: 0 | 1, label: string) => HTMLInputElement} */
      const input = (i, label) =>
        isNumber
          ? numberInput(pair[i], (v) => set(i, v), { "aria-label": label })
          : textInput(pair[i], (v) => set(i, v), { "aria-label": label, placeholder: "2026-01-31" });
      return h(
        "div",
        { class: "field", dataset: { path: `${path}.values` } },
        h("span", { class: "label" }, isNumber ? "From and to (inclusive)" : "From and to dates (inclusive)"),
        h("div", { class: "pair" }, input(0, "From"), input(1, "To")),
      );
    }
  }
}

/**
 * Property, operator and operand of one condition.
 * @param {DraftCondition} condition
 * @param {string} path
 * @param {FormContext} ctx
 * @param {() => void} [onValuesChanged]
 */
export function conditionFields(condition, path, ctx, onValuesChanged) {
  return [
    field(
      "Property",
      `${path}.property`,
      textInput(condition.property, sets(condition, "property", ctx), { placeholder: "e.g. form_name" }),
    ),
    field(
      "Operator",
      `${path}.operator`,
      select(
        OPERATORS.map(([op, label]) => [op, label]),
        condition.operator,
        (op) => {
          changeOperator(condition, op);
          ctx.rerender(`${path}.operator`);
        },
      ),
    ),
    operandFields(condition, path, ctx, onValuesChanged),
  ];
}

/**
 * A list of conditions (event `where`, association `where`), each removable, with an add button.
 * @param {DraftCondition[]} list
 * @param {string} path
 * @param {FormContext} ctx
 * @param {string} legend
 * @param {() => void} [onValuesChanged]
 */
export function conditionList(list, path, ctx, legend, onValuesChanged) {
  return h(
    "fieldset",
    { class: "conditions", dataset: { path } },
    h("legend", {}, legend),
    list.map((condition, i) =>
      h(
        "div",
        { class: "row condition" },
        conditionFields(condition, `${path}[${i}]`, ctx, onValuesChanged),
        button(
          "Remove condition",
          () => {
            list.splice(i, 1);
            ctx.rerender(`${path}.add`);
          },
          { class: "small", dataset: { focus: `${path}[${i}].remove` } },
        ),
      ),
    ),
    button(
      "Add condition",
      () => {
        list.push({ property: "", operator: "in", values: [] });
        ctx.rerender(`${path}[${list.length - 1}].property`);
      },
      { class: "small", dataset: { focus: `${path}.add` } },
    ),
  );
}
