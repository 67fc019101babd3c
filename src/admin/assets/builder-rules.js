import { conditionFields, conditionList } from "./builder-conditions.js";
import { commaListInput, setsOrDeletes } from "./builder-edits.js";
import { eventTypeField } from "./builder-event-type.js";
import { pointsFields, syncPointsByValue } from "./builder-points.js";
import { ruleEvidenceNote } from "./builder-rule-evidence.js";
import { frequencyFields, timeframeFields } from "./builder-rule-filters.js";
import { sourceNotice } from "./builder-sources.js";
import { button, field, h, numberInput, select } from "./dom.js";
import { foldToggle } from "./fold-toggle.js";
import { catalogNames } from "./picker-catalog.js";
import { namedRuleSummary } from "./rule-summary.js";

// One rule's editor: event rules (engagement groups) and property rules (fit groups), docs/scoring.md
// §Event rules, §Scoring several values, §Property operators. A rule is one line until it is opened,
// one at a time (docs/decisions.md §Builder inputs are never replaced).

/** @typedef {import("./types.js").FormContext} FormContext */

/**
 * @param {import("./types.js").DraftEventRule} rule
 * @param {string} path
 * @param {FormContext} ctx
 * @param {() => void} valuesChanged
 */
function eventRuleFields(rule, path, ctx, valuesChanged) {
  rule.where ??= [];
  return [
    eventTypeField(rule, path, ctx),
    sourceNotice(rule.event),
    conditionList(rule.where, `${path}.where`, ctx, "Where (all must hold)", valuesChanged, {
      event: rule.event,
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
 * @param {() => void} valuesChanged
 */
function propertyRuleFields(rule, path, ctx, valuesChanged) {
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
    conditionFields(rule, path, ctx, valuesChanged, { object: of?.association ?? "self" }),
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
 * The key of the first field of a rule, to focus when it is added.
 * @param {import("./types.js").DraftRule} rule
 * @param {string} path
 */
export const firstFieldKey = (rule, path) => `${path}.${"event" in rule ? "event" : "property"}`;

/**
 * A rule: its one-line summary, which opens it (and closes the one open before), then when open its
 * fields; with clone and delete buttons either way.
 * @param {import("./types.js").DraftGroup} group
 * @param {number} index
 * @param {string} path
 * @param {FormContext} ctx
 * @param {() => import("./points-warning.js").PointsBounds} bounds
 */
export function ruleEditor(group, index, path, ctx, bounds) {
  const rule = /** @type {import("./types.js").DraftRule} */ (group.rules[index]);
  const open = ctx.view.openRule === rule;
  const toggle = foldToggle({
    ctx,
    path,
    open,
    number: `${index + 1}.`,
    summarize: () => namedRuleSummary(rule, (source) => catalogNames(ctx.pickers, source)),
    flip: () => {
      ctx.view.openRule = open ? null : rule;
    },
    className: "rule-toggle",
  });
  const actions = h(
    "span",
    { class: "buttons rule-actions" },
    button(
      "Clone rule",
      () => {
        const copy = structuredClone(rule);
        group.rules.splice(index + 1, 0, copy);
        ctx.view.openRule = copy;
        ctx.rerender(`${siblingRulePath(path, index + 1)}.toggle`);
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
  );
  // A rule on an event type the portal cannot supply says so folded too (docs/decisions.md §Sources status).
  const unavailable = "event" in rule && sourceNotice(rule.event);
  // A suggested rule's evidence, or that it was edited since (docs/decisions.md §Evidence beside suggested rules).
  const evidence = ruleEvidenceNote(ctx, path);
  if (!open)
    return h("div", { class: "rule folded", dataset: { path } }, toggle, actions, evidence, unavailable);

  const points = pointsFields(rule, path, ctx, bounds);
  // Points by value are keyed by the values: their inputs follow an edited list in place.
  const valuesChanged = () => {
    syncPointsByValue(rule);
    points.followValues();
    ctx.changed();
  };
  return h(
    "fieldset",
    { class: "rule open", dataset: { path } },
    h("legend", {}, toggle),
    evidence,
    "event" in rule
      ? eventRuleFields(rule, path, ctx, valuesChanged)
      : propertyRuleFields(rule, path, ctx, valuesChanged),
    points.element,
    actions,
  );
}
