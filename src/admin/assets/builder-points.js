import { takesTexts } from "./builder-conditions.js";
import { setsOrDeletes } from "./builder-edits.js";
import { checkedOf, field, h, numberInput } from "./dom.js";
import { pointsWarning } from "./points-warning.js";

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
 * Puts `rows` in `list` in this order, moving or removing only the rows that must: a row that stays
 * where it was keeps its input, focus and selection included (docs/decisions.md §Builder inputs are
 * never replaced).
 * @param {HTMLElement} list
 * @param {readonly Element[]} rows
 */
export function placeRows(list, rows) {
  rows.forEach((row, i) => {
    const here = list.children[i];
    if (here !== row) list.insertBefore(row, here ?? null);
  });
  while (list.children.length > rows.length) list.lastElementChild?.remove();
}

/**
 * The "Points for …" inputs of a rule scored by value, one row per value, kept by value: after the
 * values are edited, `follow()` adds and removes rows and leaves the others as they are.
 * @param {DraftRule} rule
 * @param {string} path
 * @param {import("./types.js").FormContext} ctx
 */
function pointsByValueList(rule, path, ctx) {
  /** @type {Map<string, HTMLElement>} */
  const rows = new Map();
  const list = h("div", { class: "by-value" });
  const hint = h("small", { class: "hint" }, "Add values first.");
  /** @param {string} key */
  const row = (key) =>
    field(
      `Points for “${key}”`,
      `${path}.pointsByValue.${key}`,
      numberInput(rule.pointsByValue?.[key], (v) => {
        // The rule's map at edit time: a values edit may have rebuilt it since this was drawn.
        if (rule.pointsByValue) rule.pointsByValue[key] = v ?? 0;
        ctx.changed();
      }),
    );
  const follow = () => {
    const keys = Object.keys(rule.pointsByValue ?? {});
    for (const key of keys) if (!rows.has(key)) rows.set(key, row(key));
    placeRows(
      list,
      keys.map((key) => /** @type {HTMLElement} */ (rows.get(key))),
    );
    hint.hidden = keys.length > 0;
  };
  follow();
  return { element: h("div", {}, hint, list), follow };
}

/**
 * The points of a rule with its warning beside them; `followValues()` after its values were edited.
 * @param {DraftRule} rule
 * @param {string} path
 * @param {import("./types.js").FormContext} ctx
 * @param {() => import("./points-warning.js").PointsBounds} bounds the group's limit and the score's, read at each edit
 */
export function pointsFields(rule, path, ctx, bounds) {
  const byValue = rule.pointsByValue && pointsByValueList(rule, path, ctx);
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
  const warning = h("small", { class: "points-warning", role: "status" });
  ctx.live(() => {
    warning.textContent = pointsWarning(rule, bounds());
    warning.hidden = warning.textContent === "";
  });
  const element = h(
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
          byValue.element,
          warning,
        )
      : h(
          "div",
          { class: "with-warning" },
          field(
            "Points (negative subtracts)",
            `${path}.points`,
            numberInput(rule.points, setsOrDeletes(rule, "points", ctx)),
          ),
          warning,
        ),
  );
  return { element, followValues: () => byValue?.follow() };
}
