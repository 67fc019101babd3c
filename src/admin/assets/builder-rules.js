import { conditionFields, conditionList } from "./builder-conditions.js";
import { commaListInput, sets, setsOrDeletes } from "./builder-edits.js";
import { pointsFields, syncPointsByValue } from "./builder-points.js";
import { frequencyFields, timeframeFields } from "./builder-rule-filters.js";
import { sourceNotice } from "./builder-sources.js";
import { button, field, h, numberInput, select, textInput } from "./dom.js";

// One rule's editor: event rules (engagement groups) and property rules (fit groups), docs/scoring.md
// §Event rules, §Scoring several values, §Property operators.

/** @typedef {import("./types.js").FormContext} FormContext */

const EVENT_TYPES = [
  "meeting",
  "call",
  "email",
  "note",
  "task",
  "form_submission",
  "page_view",
  "marketing_email_open",
  "marketing_email_click",
  "cta_click",
  "ad_interaction",
  "ticket",
];
/**
 * @param {import("./types.js").DraftEventRule} rule
 * @param {string} path
 * @param {FormContext} ctx
 */
function eventRuleFields(rule, path, ctx) {
  rule.where ??= [];
  const listId = `${path}-events`;
  return [
    field("Event type", `${path}.event`, textInput(rule.event, sets(rule, "event", ctx), { list: listId })),
    h(
      "datalist",
      { id: listId },
      EVENT_TYPES.map((t) => h("option", { value: t })),
    ),
    sourceNotice(rule.event),
    conditionList(rule.where, `${path}.where`, ctx, "Where (all must hold)", () => {
      syncPointsByValue(rule);
      ctx.rerender();
    }),
    timeframeFields(rule, path, ctx),
    frequencyFields(rule, path, ctx),
    field(
      "Cap (most points this rule may give or take)",
      `${path}.cap`,
      numberInput(rule.cap, setsOrDeletes(rule, "cap", ctx), { min: 0 }),
    ),
  ];
}

/**
 * @param {import("./types.js").DraftPropertyRule} rule
 * @param {string} path
 * @param {FormContext} ctx
 */
function propertyRuleFields(rule, path, ctx) {
  const of = rule.of && rule.of !== "self" ? rule.of : undefined;
  const target = select(
    /** @type {const} */ ([
      ["self", "this record"],
      ["contacts", "associated contacts"],
      ["companies", "associated companies"],
      ["deals", "associated deals"],
    ]),
    of?.association ?? "self",
    (v) => {
      if (v === "self") delete rule.of;
      else rule.of = { association: v, ...(of?.labels ? { labels: of.labels } : {}) };
      ctx.rerender(`${path}.of`);
    },
  );
  return [
    field("Look at", `${path}.of`, target),
    of &&
      field(
        "Association labels (comma-separated; empty: every associated record)",
        `${path}.of.labels`,
        commaListInput(of.labels, setsOrDeletes(of, "labels", ctx)),
      ),
    conditionFields(rule, path, ctx, () => {
      syncPointsByValue(rule);
      ctx.rerender();
    }),
  ];
}

/**
 * The path of the rule beside one: `groups[0].rules[2]` → `groups[0].rules[3]` for the next index.
 * @param {string} path
 * @param {number} index
 */
export const siblingRulePath = (path, index) => path.replace(/\[\d+\]$/, `[${index}]`);

/**
 * The path of the group a rule is in: `groups[0].rules[2]` → `groups[0]`.
 * @param {string} path
 */
export const groupPathOf = (path) => path.replace(/\.rules\[\d+\]$/, "");

/**
 * A rule's fieldset with its clone and delete buttons.
 * @param {import("./types.js").DraftGroup} group
 * @param {number} index
 * @param {string} path
 * @param {FormContext} ctx
 */
export function ruleEditor(group, index, path, ctx) {
  const rule = /** @type {import("./types.js").DraftRule} */ (group.rules[index]);
  const title =
    "event" in rule
      ? `Rule ${index + 1}: event ${rule.event || "…"}`
      : `Rule ${index + 1}: property ${rule.property || "…"}`;
  return h(
    "fieldset",
    { class: "rule", dataset: { path } },
    h("legend", {}, title),
    "event" in rule ? eventRuleFields(rule, path, ctx) : propertyRuleFields(rule, path, ctx),
    pointsFields(rule, path, ctx),
    h(
      "div",
      { class: "buttons" },
      button(
        "Clone rule",
        () => {
          group.rules.splice(index + 1, 0, structuredClone(rule));
          ctx.rerender(`${siblingRulePath(path, index + 1)}.clone`);
        },
        { class: "small", dataset: { focus: `${path}.clone` } },
      ),
      button(
        "Delete rule",
        () => {
          group.rules.splice(index, 1);
          ctx.rerender(`${groupPathOf(path)}.addRule`);
        },
        { class: "small danger" },
      ),
    ),
  );
}
