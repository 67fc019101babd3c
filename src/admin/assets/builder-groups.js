import { sets, setsOrDeletes } from "./builder-edits.js";
import { ruleEditor } from "./builder-rules.js";
import { button, field, h, numberInput, select, textInput } from "./dom.js";

// Groups of a score (SCORING.md §Arithmetic): name, kind, limit, decay, rules.

export const newRule = (kind) =>
  kind === "engagement"
    ? { event: "meeting", points: 10 }
    : { property: "", operator: "in", values: [], points: 10 };
export const newGroup = (kind) => ({
  name: kind === "engagement" ? "Engagement" : "Fit",
  kind,
  rules: [newRule(kind)],
});

/** Which kinds a score's type allows (engagement scores: engagement groups only, and so on). */
const kindsFor = (type) => (type === "combined" ? ["engagement", "fit"] : [type]);

function decayFields(group, path, ctx) {
  const decay = group.decay;
  const toggle = h("input", {
    type: "checkbox",
    checked: decay !== undefined,
    onChange: (e) => {
      if (e.target.checked) group.decay = { percent: 50, everyMonths: 1 };
      else delete group.decay;
      ctx.rerender(`${path}.decay`);
    },
  });
  const interval = decay && ("everyDays" in decay ? "days" : String(decay.everyMonths));
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
            [
              ["1", "month"],
              ["3", "3 months"],
              ["6", "6 months"],
              ["12", "12 months"],
              ["days", "n days"],
            ],
            interval,
            (v) => {
              delete decay.everyDays;
              delete decay.everyMonths;
              if (v === "days") decay.everyDays = 30;
              else decay.everyMonths = Number(v);
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

function groupEditor(groups, index, type, ctx) {
  const group = groups[index];
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
          kindsFor(type).map((k) => [k, k === "engagement" ? "engagement (events)" : "fit (properties)"]),
          group.kind,
          (k) => {
            // Event rules and property rules share no fields: a new kind starts with a fresh rule.
            groups[index] = { ...newGroup(k), name: group.name };
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
        groups.splice(index + 1, 0, { ...structuredClone(group), name: `${group.name} (copy)` });
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
