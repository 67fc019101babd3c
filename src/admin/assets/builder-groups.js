import { sets, setsOrDeletes } from "./builder-edits.js";
import { ruleEditor } from "./builder-rules.js";
import { button, checkedOf, field, h, numberInput, select, textInput } from "./dom.js";

// Groups of a score (docs/scoring.md §Groups and limits): name, kind, limit, decay, rules.

/** @typedef {import("./types.js").DraftDecay} DraftDecay */
/** @typedef {import("./types.js").DraftGroup} DraftGroup */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {import("./types.js").GroupKind} GroupKind */
/** @typedef {"1" | "3" | "6" | "12" | "days"} DecayInterval */

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
 * The choice of the "Every" select for a decay: its months, or "days" for a decay in days.
 * @param {DraftDecay} decay
 * @returns {DecayInterval}
 */
export const decayInterval = (decay) =>
  "everyDays" in decay ? "days" : /** @type {DecayInterval} */ (String(decay.everyMonths));

/**
 * A decay moves to another interval: n months, or 30 days to start from; its percent stays.
 * @param {DraftDecay} decay
 * @param {DecayInterval} interval
 */
export function setDecayInterval(decay, interval) {
  delete decay.everyDays;
  delete decay.everyMonths;
  if (interval === "days") decay.everyDays = 30;
  else decay.everyMonths = Number(interval);
}

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
 * @param {Extract<DraftGroup, {kind: "engagement"}>} group
 * @param {string} path
 * @param {FormContext} ctx
 */
function decayFields(group, path, ctx) {
  const decay = group.decay;
  const toggle = h("input", {
    type: "checkbox",
    checked: decay !== undefined,
    onChange: (e) => {
      if (checkedOf(e)) group.decay = { percent: 50, everyMonths: 1 };
      else delete group.decay;
      ctx.rerender(`${path}.decay`);
    },
  });
  const interval = decay && decayInterval(decay);
  return h(
    "div",
    { class: "field", dataset: { path: `${path}.decay`, focus: `${path}.decay` } },
    h("label", {}, toggle, " Points decay over time"),
    decay &&
      h(
        "div",
        { class: "pair" },
        field(
          "Percent",
          `${path}.decay.percent`,
          numberInput(decay.percent, setsOrDeletes(decay, "percent", ctx), { min: 0, max: 100 }),
        ),
        field(
          "Every",
          `${path}.decay.interval`,
          select(
            /** @type {const} */ ([
              ["1", "month"],
              ["3", "3 months"],
              ["6", "6 months"],
              ["12", "12 months"],
              ["days", "n days"],
            ]),
            interval,
            (v) => {
              setDecayInterval(decay, v);
              ctx.rerender(`${path}.decay.interval`);
            },
          ),
        ),
        "everyDays" in decay &&
          field(
            "Days",
            `${path}.decay.everyDays`,
            numberInput(decay.everyDays, setsOrDeletes(decay, "everyDays", ctx), {
              min: 1,
              max: 3650,
              step: 1,
            }),
          ),
      ),
  );
}

/**
 * @param {DraftGroup[]} groups
 * @param {number} index
 * @param {import("./types.js").ScoreType} type
 * @param {FormContext} ctx
 */
function groupEditor(groups, index, type, ctx) {
  const group = /** @type {DraftGroup} */ (groups[index]);
  const path = `groups[${index}]`;
  return h(
    "fieldset",
    { class: `group ${group.kind}`, dataset: { path } },
    h("legend", {}, `Group ${index + 1}: ${group.name || "…"} (${group.kind})`),
    h(
      "div",
      { class: "row" },
      field("Group name", `${path}.name`, textInput(group.name, sets(group, "name", ctx))),
      field(
        "Kind",
        `${path}.kind`,
        select(
          kindsFor(type).map(
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
    ),
    group.kind === "engagement" && decayFields(group, path, ctx),
    group.rules.map((_, i) => ruleEditor(group, i, `${path}.rules[${i}]`, ctx)),
    h(
      "div",
      { class: "buttons" },
      button(
        "Add rule",
        () => {
          group.rules.push(newRule(group.kind));
          ctx.rerender(`${path}.rules[${group.rules.length - 1}]`);
        },
        { dataset: { focus: `${path}.addRule` } },
      ),
      button("Clone group", () => {
        groups.splice(index + 1, 0, cloneGroup(group));
        ctx.rerender(`groups[${index + 1}].name`);
      }),
      button(
        "Delete group",
        () => {
          groups.splice(index, 1);
          ctx.rerender("groups.add");
        },
        { class: "danger", disabled: groups.length === 1 },
      ),
    ),
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
    groups.map((_, i) => groupEditor(groups, i, definition.type, ctx)),
    h(
      "div",
      { class: "buttons" },
      kindsFor(definition.type).map((kind) =>
        button(
          `Add ${kind} group`,
          () => {
            groups.push(newGroup(kind));
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
