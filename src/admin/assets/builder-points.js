import { takesTexts } from "./builder-conditions.js";
import { setsOrDeletes } from "./builder-edits.js";
import { field, h, numberInput } from "./dom.js";

// SCORING.md §Scoring several values: points together, or points by value.

/** The values pointsByValue is keyed by: a fit rule's own values, an event rule's one `where` condition's. */
const valueKeys = (rule) => (("event" in rule ? rule.where?.[0]?.values : rule.values) ?? []).map(String);

/** Rebuilds pointsByValue for the current values, keeping the points already given. */
export function syncPointsByValue(rule) {
  if (!rule.pointsByValue) return;
  const old = rule.pointsByValue;
  rule.pointsByValue = Object.fromEntries(valueKeys(rule).map((k) => [k, old[k] ?? 0]));
}

export function pointsFields(rule, path, ctx) {
  const individually = rule.pointsByValue !== undefined;
  const canSplit = "event" in rule ? takesTexts(rule.where?.[0]?.operator) : takesTexts(rule.operator);
  const toggle = h("input", {
    type: "checkbox",
    checked: individually,
    disabled: !canSplit && !individually,
    onChange: (e) => {
      if (e.target.checked) {
        rule.pointsByValue = {};
        const points = rule.points ?? 0;
        delete rule.points;
        syncPointsByValue(rule);
        for (const k of Object.keys(rule.pointsByValue)) rule.pointsByValue[k] = points;
      } else {
        rule.points = Object.values(rule.pointsByValue ?? {})[0] ?? 0;
        delete rule.pointsByValue;
      }
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
    individually
      ? h(
          "div",
          { class: "field", dataset: { path: `${path}.pointsByValue` } },
          h("span", { class: "label" }, "Points by value"),
          Object.keys(rule.pointsByValue).length === 0 && h("small", { class: "hint" }, "Add values first."),
          Object.entries(rule.pointsByValue).map(([key, points]) =>
            field(
              `Points for “${key}”`,
              `${path}.pointsByValue.${key}`,
              numberInput(points, (v) => {
                rule.pointsByValue[key] = v ?? 0;
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
