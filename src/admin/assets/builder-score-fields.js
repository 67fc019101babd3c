import { sets, setsOrDeletes } from "./builder-edits.js";
import { newGroup } from "./builder-groups.js";
import { field, h, numberInput, select, textInput } from "./dom.js";

// The score itself: name, id, object, type, property names and limits (SCORING.md §Formats).

export function basics(d, ctx) {
  // `limits` is optional as a whole: made on the first edit, so a definition without one stays so.
  const setsLimit = (key) => (v) => {
    d.limits ??= {};
    setsOrDeletes(d.limits, key, ctx)(v);
  };
  return h(
    "section",
    {},
    h("h2", {}, "Score"),
    h(
      "div",
      { class: "row" },
      field("Name", "name", textInput(d.name, setsOrDeletes(d, "name", ctx), { required: true })),
      field(
        "Id",
        "id",
        textInput(d.id, setsOrDeletes(d, "id", ctx), { readonly: ctx.isSaved, pattern: "[A-Za-z0-9_-]+" }),
        ctx.isSaved ? "fixed once saved" : "letters, digits, - and _",
      ),
    ),
    h(
      "div",
      { class: "row" },
      field(
        "Object",
        "object",
        select(
          [
            ["contacts", "contacts"],
            ["companies", "companies"],
            ["deals", "deals"],
          ],
          d.object,
          (v) => {
            d.object = v;
            if (v === "contacts") delete d.association;
            if (v === "deals" && d.type !== "combined") d.type = "combined";
            ctx.rerender("object");
          },
          { disabled: ctx.isSaved },
        ),
      ),
      field(
        "Type",
        "type",
        select(
          [
            ["engagement", "engagement"],
            ["fit", "fit"],
            ["combined", "combined"],
          ],
          d.type,
          (v) => {
            d.type = v;
            const kinds = v === "combined" ? ["engagement", "fit"] : [v];
            d.groups = d.groups.filter((g) => kinds.includes(g.kind));
            if (d.groups.length === 0) d.groups.push(newGroup(kinds[0]));
            delete d.thresholds;
            ctx.rerender("type");
          },
        ),
      ),
    ),
    h(
      "div",
      { class: "row" },
      field(
        "Property name",
        "property.name",
        textInput(d.property.name, sets(d.property, "name", ctx), { placeholder: "ls_lead_score" }),
        "lower-case letters, digits, _; not hs_",
      ),
      field(
        "Property label",
        "property.label",
        textInput(d.property.label, setsOrDeletes(d.property, "label", ctx)),
      ),
      field(
        "Description",
        "property.description",
        textInput(d.property.description, setsOrDeletes(d.property, "description", ctx)),
      ),
    ),
    h(
      "div",
      { class: "row" },
      field("Minimum score (empty: none)", "limits.min", numberInput(d.limits?.min, setsLimit("min"))),
      field("Maximum score (empty: none)", "limits.max", numberInput(d.limits?.max, setsLimit("max"))),
    ),
  );
}
