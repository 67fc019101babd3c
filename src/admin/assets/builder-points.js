import { takesTexts } from "./builder-conditions.js";
import { setsOrDeletes } from "./builder-edits.js";
import { checkedOf, field, h, numberInput } from "./dom.js";

// docs/scoring.md §Scoring several values: points together, or points by value.

/** @typedef {import("./types.js").DraftRule} DraftRule */

/**
 * The values pointsByValue is keyed by: a fit rule's own values, an event rule's one `where` condition's.
 * @param {DraftRule} rule
 */
const valueKeys = (rule) => (("event" in rule ? rule.where?.[0]?.values : rule.values) ?? []).map(String);

/**
 * Rebuilds pointsByValue for the current values, keeping the points already given.
 * @param {DraftRule} rule
 */
export function syncPointsByValue(rule) {
  if (!rule.pointsByValue) return;
  const old = rule.pointsByValue;
  rule.pointsByValue = Object.fromEntries(valueKeys(rule).map((k) => [k, old[k] ?? 0]));
}

/**
 * "Score each value individually": every value starts with the points the rule gave together.
 * @param {DraftRule} rule
 */
export function scoreEachValue(rule) {
  const points = rule.points ?? 0;
  rule.pointsByValue = {};
  delete rule.points;
  syncPointsByValue(rule);
  for (const k of Object.keys(rule.pointsByValue)) rule.pointsByValue[k] = points;
}

/**
 * Back to points together: the first value's points, or 0.
 * @param {DraftRule} rule
 */
export function scoreValuesTogether(rule) {
  rule.points = Object.values(rule.pointsByValue ?? {})[0] ?? 0;
  delete rule.pointsByValue;
}

/**
 * @param {DraftRule} rule
 * @param {string} path
 * @param {import("./types.js").FormContext} ctx
 */
export function pointsFields(rule, path, ctx) {
  const byValue = rule.pointsByValue;
  const canSplit = "event" in rule ? takesTexts(rule.where?.[0]?.operator) : takesTexts(rule.operator);
  const toggle = h("input", {
    type: "checkbox",
    checked: byValue !== undefined,
    disabled: !canSplit && byValue === undefined,
    onChange: (e) => {
      if (checkedOf(e)) scoreEachValue(rule);
      else scoreValuesTogether(rule);
      ctx.rerender(`${path}.individually`);
    },
  });
  const hint =
    "event" in rule ? "Keys come from the first where condition (is any of / contains any of)." : "";
  return h(
    "div",
    { class: "points" },
    h(
      "div",
      { class: "field check", dataset: { focus: `${path}.individually` } },
      h("label", {}, toggle, " Score each value individually"),
      hint && h("small", { class: "hint" }, hint),
    ),
    byValue
      ? h(
          "div",
          { class: "field", dataset: { path: `${path}.pointsByValue` } },
          h("span", { class: "label" }, "Points by value"),
          Object.keys(byValue).length === 0 && h("small", { class: "hint" }, "Add values first."),
          Object.entries(byValue).map(([key, points]) =>
            field(
              `Points for “${key}”`,
              `${path}.pointsByValue.${key}`,
              numberInput(points, (v) => {
                // The rule's map at edit time: a values edit may have rebuilt it since this was drawn.
                if (rule.pointsByValue) rule.pointsByValue[key] = v ?? 0;
                ctx.changed();
              }),
            ),
          ),
        )
      : field(
          "Points (negative subtracts)",
          `${path}.points`,
          numberInput(rule.points, setsOrDeletes(rule, "points", ctx)),
        ),
  );
}
