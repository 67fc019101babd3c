import { conditionList } from "./builder-conditions.js";
import { field, h, select, setOrDelete, textInput } from "./dom.js";

// SCORING.md §Which records are scored, and §Companies and deals: association aggregation.

const ids = (text) =>
  text
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

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
          [
            ["all", "every record"],
            ["lists", "members of lists"],
          ],
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
        field(
          "Include list ids (comma-separated)",
          "records.include",
          textInput((r.include ?? []).join(", "), (v) => {
            r.include = ids(v);
            ctx.changed();
          }),
        ),
      field(
        "Exclude list ids (comma-separated; exclusion wins)",
        "records.exclude",
        textInput((r.exclude ?? []).join(", "), (v) => {
          r.exclude = ids(v);
          ctx.changed();
        }),
      ),
    ),
  );
}

export function association(d, ctx) {
  if (d.object === "contacts") return null;
  const on = d.association !== undefined;
  const a = d.association;
  if (a) a.where ??= [];
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
            if (e.target.checked) d.association = { aggregation: "sum" };
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
            textInput((a.labels ?? []).join(", "), (v) => {
              setOrDelete(a, "labels", ids(v).length ? ids(v) : undefined);
              ctx.changed();
            }),
          ),
          field(
            "Combine per rule",
            "association.aggregation",
            select(
              [
                ["sum", "sum"],
                ["avg", "average"],
                ["min", "minimum"],
                ["max", "maximum"],
              ],
              a.aggregation ?? "sum",
              (v) => {
                a.aggregation = v;
                ctx.changed();
              },
            ),
          ),
        ),
        conditionList(a.where, "association.where", ctx, "Contact conditions (all must hold)"),
      ),
  );
}

/** The whole form for a definition; ctx: {changed(), rerender(focusKey), isSaved}. */
