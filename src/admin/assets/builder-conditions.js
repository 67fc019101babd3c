import { optionSelect, optionsOf, propertyField, valuesChecklist } from "./builder-condition-pickers.js";
import { sets } from "./builder-edits.js";
import { button, field, h, numberInput, select, textInput } from "./dom.js";
import { dayInput } from "./picker-inputs.js";

/** @typedef {import("./types.js").DraftCondition} DraftCondition */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {import("./types.js").Operator} Operator */
/** @typedef {import("./types.js").PropertySource} PropertySource */
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
  ["inList", "is in one of the lists", "texts"],
  ["notInList", "is in none of the lists", "texts"],
];
/**
 * The operand an operator takes; "text" for an operator the page does not know.
 * @param {string | undefined} operator
 * @returns {Operand}
 */
export const operandOf = (operator) => OPERATORS.find(([op]) => op === operator)?.[2] ?? "text";
/** Whether the operator takes a list of texts (the values points by value are keyed by). */
export const takesTexts = (/** @type {string | undefined} */ operator) => operandOf(operator) === "texts";

/** Whether an operator makes a list rule, on the record's list memberships. */
export const isListOperator = (/** @type {string | undefined} */ operator) =>
  operator === "inList" || operator === "notInList";
/**
 * The property a list rule names: the engine reads the record's lists, not a property, for it
 * (docs/scoring.md §Property rules); the builder writes this name and shows no property picker.
 */
export const LIST_RULE_PROPERTY = "lists";

/**
 * On an operator change, keep `value`/`values` only when the new operator takes the same operand, and
 * list ids only between list operators.
 * @param {DraftCondition} condition
 * @param {Operator} operator
 */
export function changeOperator(condition, operator) {
  const before = operandOf(condition.operator);
  const wasList = isListOperator(condition.operator);
  condition.operator = operator;
  const after = operandOf(operator);
  const isList = isListOperator(operator);
  if (isList) condition.property = LIST_RULE_PROPERTY;
  else if (wasList && condition.property === LIST_RULE_PROPERTY) condition.property = "";
  if (before === after && wasList === isList) return;
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
 * The operand inputs of a condition (or a fit rule, which is a condition with points): the property's
 * options to choose or tick when HubSpot lists some, the portal's lists for a list rule, a date
 * picker for dates, free text otherwise.
 * @param {DraftCondition} condition
 * @param {string} path
 * @param {FormContext} ctx
 * @param {() => void} [onValuesChanged]
 * @param {PropertySource} [source]
 */
export function operandFields(condition, path, ctx, onValuesChanged, source = { object: "self" }) {
  const operand = operandOf(condition.operator);
  const property = optionsOf(condition, ctx, source);
  const isListRule = isListOperator(condition.operator);
  switch (operand) {
    case "none":
      return null;
    case "text":
      return property
        ? optionSelect(condition, path, ctx, property)
        : field("Value", `${path}.value`, textInput(condition.value, sets(condition, "value", ctx)));
    case "date":
      return field("Date", `${path}.value`, dayInput(condition.value, sets(condition, "value", ctx)));
    case "number":
      return field("Number", `${path}.value`, numberInput(condition.value, sets(condition, "value", ctx)));
    case "texts":
      // Points by value are keyed by these values: rebuild them once the list is edited.
      return valuesChecklist(condition, path, ctx, { property, lists: isListRule, source }, onValuesChanged);
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
          : dayInput(pair[i], (v) => set(i, v), { "aria-label": label });
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
 * @param {PropertySource} [source] whose properties it names: the scored object's by default
 */
export function conditionFields(condition, path, ctx, onValuesChanged, source = { object: "self" }) {
  return [
    isListOperator(condition.operator) ? null : propertyField(condition, path, ctx, source),
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
    operandFields(condition, path, ctx, onValuesChanged, source),
  ];
}

/**
 * A list of conditions (event `where`, association `where`), each removable, with an add button.
 * @param {DraftCondition[]} list
 * @param {string} path
 * @param {FormContext} ctx
 * @param {string} legend
 * @param {() => void} [onValuesChanged]
 * @param {PropertySource} [source] whose properties the conditions name
 */
export function conditionList(list, path, ctx, legend, onValuesChanged, source) {
  return h(
    "fieldset",
    { class: "conditions", dataset: { path } },
    h("legend", {}, legend),
    list.map((condition, i) =>
      h(
        "div",
        { class: "row condition" },
        conditionFields(condition, `${path}[${i}]`, ctx, onValuesChanged, source),
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
