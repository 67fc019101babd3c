import { decayFields, decaySummary } from "./builder-decay.js";
import { sets, setsOrDeletes } from "./builder-edits.js";
import { firstFieldKey, ruleEditor } from "./builder-rules.js";
import { button, field, h, numberInput, select, textInput } from "./dom.js";
import { foldToggle } from "./fold-toggle.js";

// Groups of a score (docs/scoring.md §Groups and limits): name, kind, limit, decay, rules. A group folds
// to its heading (docs/decisions.md §Builder inputs are never replaced).

/** @typedef {import("./types.js").DraftGroup} DraftGroup */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {import("./types.js").GroupKind} GroupKind */

/**
 * A rule to start from: 10 points a meeting, or 10 points for a property among values still to type.
 * @param {GroupKind} kind
 * @returns {import("./types.js").DraftRule}
 */
export const newRule = (kind) =>
  kind === "engagement"
    ? { event: "meeting", points: 10 }
    : { property: "", operator: "in", values: [], points: 10 };
/**
 * @param {GroupKind} kind
 * @returns {DraftGroup}
 */
export const newGroup = (kind) => ({
  name: kind === "engagement" ? "Engagement" : "Fit",
  kind,
  rules: [newRule(kind)],
});

/**
 * Which kinds a score's type allows (engagement scores: engagement groups only, and so on).
 * @param {import("./types.js").ScoreType} type
 * @returns {GroupKind[]}
 */
export const kindsFor = (type) => (type === "combined" ? ["engagement", "fit"] : [type]);

/**
 * A group of another kind keeps only its name: event rules and property rules share no fields.
 * @param {DraftGroup} group
 * @param {GroupKind} kind
 * @returns {DraftGroup}
 */
export const withKind = (group, kind) => ({ ...newGroup(kind), name: group.name });

/**
 * A copy of a group, named as one, to go right after it.
 * @param {DraftGroup} group
 * @returns {DraftGroup}
 */
export const cloneGroup = (group) => ({ ...structuredClone(group), name: `${group.name} (copy)` });

/**
 * A group in its heading: "Sales engagement · engagement · limit 60 · halves every month · 6 rules".
 * @param {DraftGroup} group
 */
export function groupSummary(group) {
  const rules = group.rules.length;
  return [
    group.name || "(no name)",
    group.kind,
    group.limit !== undefined && `limit ${group.limit}`,
    group.kind === "engagement" && group.decay && decaySummary(group.decay),
    `${rules} rule${rules === 1 ? "" : "s"}`,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * @param {import("./types.js").DraftDefinition} definition
 * @param {number} index
 * @param {FormContext} ctx
 */
function groupEditor(definition, index, ctx) {
  const groups = definition.groups;
  const group = /** @type {DraftGroup} */ (groups[index]);
  const path = `groups[${index}]`;
  const open = !ctx.view.closedGroups.has(group);
  const toggle = foldToggle({
    ctx,
    path,
    open,
    number: `Group ${index + 1}:`,
    summarize: () => groupSummary(group),
    flip: () => (open ? ctx.view.closedGroups.add(group) : ctx.view.closedGroups.delete(group)),
    className: "group-toggle",
  });
  /** The limits a rule's points are checked against, read at each edit: the group's and the score's. */
  const bounds = () => ({
    groupLimit: group.limit,
    min: definition.limits?.min,
    max: definition.limits?.max,
  });
  const actions = h(
    "span",
    { class: "buttons group-actions" },
    button(
      "Add rule",
      () => {
        const rule = newRule(group.kind);
        group.rules.push(rule);
        ctx.view.openRule = rule;
        ctx.view.closedGroups.delete(group);
        ctx.rerender(firstFieldKey(rule, `${path}.rules[${group.rules.length - 1}]`));
      },
      { class: "small", dataset: { focus: `${path}.addRule` } },
    ),
    button(
      "Clone group",
      () => {
        groups.splice(index + 1, 0, cloneGroup(group));
        ctx.rerender(`groups[${index + 1}].name`);
      },
      { class: "small" },
    ),
    button(
      "Delete group",
      () => {
        groups.splice(index, 1);
        ctx.rerender("groups.add");
      },
      { class: "small danger", disabled: groups.length === 1 },
    ),
  );
  return h(
    "fieldset",
    { class: `group ${group.kind}${open ? "" : " folded"}`, dataset: { path } },
    h("legend", { class: "group-head" }, toggle, actions),
    open && [
      h(
        "div",
        { class: "row" },
        field("Group name", `${path}.name`, textInput(group.name, sets(group, "name", ctx))),
        field(
          "Kind",
          `${path}.kind`,
          select(
            kindsFor(definition.type).map(
              (k) =>
                /** @type {const} */ ([k, k === "engagement" ? "engagement (events)" : "fit (properties)"]),
            ),
            group.kind,
            (k) => {
              groups[index] = withKind(group, k);
              ctx.rerender(`${path}.kind`);
            },
          ),
        ),
        field(
          "Limit (±, empty: none)",
          `${path}.limit`,
          numberInput(group.limit, setsOrDeletes(group, "limit", ctx), { min: 0 }),
        ),
        group.kind === "engagement" && decayFields(group, path, ctx),
      ),
      h(
        "div",
        { class: "rules" },
        group.rules.map((_, i) => ruleEditor(group, i, `${path}.rules[${i}]`, ctx, bounds)),
      ),
    ],
  );
}

/**
 * @param {import("./types.js").DraftDefinition} definition
 * @param {FormContext} ctx
 */
export function groupsSection(definition, ctx) {
  const groups = definition.groups;
  return h(
    "section",
    { class: "groups", dataset: { path: "groups" } },
    h("h2", {}, "Groups and rules"),
    groups.map((_, i) => groupEditor(definition, i, ctx)),
    h(
      "div",
      { class: "buttons" },
      kindsFor(definition.type).map((kind) =>
        button(
          `Add ${kind} group`,
          () => {
            const group = newGroup(kind);
            groups.push(group);
            ctx.view.openRule = group.rules[0] ?? null;
            ctx.rerender(`groups[${groups.length - 1}].name`);
          },
          {
            dataset: { focus: kind === "engagement" || definition.type === "fit" ? "groups.add" : undefined },
          },
        ),
      ),
    ),
  );
}
