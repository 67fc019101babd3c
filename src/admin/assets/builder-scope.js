import { listsField } from "./builder-condition-pickers.js";
import { conditionList } from "./builder-conditions.js";
import { commaListInput, setsOrDeletes } from "./builder-edits.js";
import { checkedOf, field, h, select } from "./dom.js";

// docs/scoring.md §Scopes, and §Companies and deals: association aggregation.

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {import("./types.js").FormContext} FormContext */

/**
 * @param {DraftDefinition} d
 * @param {FormContext} ctx
 */
export function scope(d, ctx) {
  d.records ??= { mode: "all", exclude: [] };
  const r = d.records;
  return h(
    "section",
    {},
    h("h2", {}, "Which records"),
    h(
      "div",
      { class: "row" },
      field(
        "Scope",
        "records.mode",
        select(
          /** @type {const} */ ([
            ["all", "every record"],
            ["lists", "members of lists"],
          ]),
          r.mode,
          (m) => {
            r.mode = m;
            if (m === "lists") r.include ??= [];
            else delete r.include;
            ctx.rerender("records.mode");
          },
        ),
      ),
      r.mode === "lists" &&
        listsField(r.include, "Include members of", "records.include", ctx, (ids) => {
          r.include = ids;
        }),
      listsField(r.exclude, "Exclude members of (exclusion wins)", "records.exclude", ctx, (ids) => {
        r.exclude = ids;
      }),
    ),
  );
}

/**
 * The association's contact conditions, made an empty list when absent so an added one lands in it.
 * @param {NonNullable<DraftDefinition["association"]>} association
 */
function ownWhere(association) {
  const where = association.where ?? [];
  association.where = where;
  return where;
}

/**
 * @param {DraftDefinition} d
 * @param {FormContext} ctx
 */
export function association(d, ctx) {
  if (d.object === "contacts") return null;
  const a = d.association;
  const on = a !== undefined;
  return h(
    "section",
    { dataset: { path: "association" } },
    h("h2", {}, "Associated contacts"),
    h(
      "div",
      { class: "field check", dataset: { focus: "association" } },
      h(
        "label",
        {},
        h("input", {
          type: "checkbox",
          checked: on,
          onChange: (e) => {
            if (checkedOf(e)) d.association = { aggregation: "sum" };
            else delete d.association;
            ctx.rerender("association");
          },
        }),
        " Choose which contacts count and how their points combine",
      ),
    ),
    on &&
      h(
        "div",
        {},
        h(
          "div",
          { class: "row" },
          field(
            "Association labels (comma-separated; empty: every contact)",
            "association.labels",
            commaListInput(a.labels, setsOrDeletes(a, "labels", ctx)),
          ),
          field(
            "Combine per rule",
            "association.aggregation",
            select(
              /** @type {const} */ ([
                ["sum", "sum"],
                ["avg", "average"],
                ["min", "minimum"],
                ["max", "maximum"],
              ]),
              a.aggregation ?? "sum",
              (v) => {
                a.aggregation = v;
                ctx.changed();
              },
            ),
          ),
        ),
        conditionList(
          ownWhere(a),
          "association.where",
          ctx,
          "Contact conditions (all must hold)",
          undefined,
          {
            object: "contacts",
          },
        ),
      ),
  );
}
