import { sets, setsOrDeletes } from "./builder-edits.js";
import { kindsFor, newGroup } from "./builder-groups.js";
import { derivePropertyName, deriveScoreId, followsName } from "./derive-names.js";
import { field, h, numberInput, select, textInput } from "./dom.js";

// The score itself: name, id, object, type, property names and limits (docs/scoring.md §Formats).

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */

/**
 * Another object: contacts have no associated contacts to aggregate, and deal scores are combined
 * (docs/scoring.md §Companies and deals).
 * @param {DraftDefinition} d
 * @param {import("./types.js").ObjectType} object
 */
export function changeObject(d, object) {
  d.object = object;
  if (object === "contacts") delete d.association;
  if (object === "deals" && d.type !== "combined") changeType(d, "combined");
}

/**
 * Another type keeps the groups of the kinds it allows (one new group if none is left) and drops
 * the thresholds, whose shape depends on the type (docs/scoring.md §Thresholds).
 * @param {DraftDefinition} d
 * @param {import("./types.js").ScoreType} type
 */
export function changeType(d, type) {
  d.type = type;
  const kinds = kindsFor(type);
  d.groups = d.groups.filter((g) => kinds.includes(g.kind));
  if (d.groups.length === 0)
    d.groups.push(newGroup(/** @type {import("./types.js").GroupKind} */ (kinds[0])));
  delete d.thresholds;
}

/**
 * @param {DraftDefinition} d
 * @param {import("./types.js").FormContext} ctx
 */
export function basics(d, ctx) {
  // `limits` is optional as a whole: made on the first edit, so a definition without one stays so.
  /** @type {(key: "min" | "max") => (v: number | undefined) => void} */
  const setsLimit = (key) => (v) => {
    d.limits ??= {};
    setsOrDeletes(d.limits, key, ctx)(v);
  };
  // A new score's id and property name follow its name until typed over (derive-names.js).
  /** @param {string} name */
  const setName = (name) => {
    const before = d.name ?? "";
    if (!ctx.isSaved && followsName(d.id, before, deriveScoreId)) d.id = deriveScoreId(name);
    if (!ctx.isSaved && followsName(d.property.name, before, derivePropertyName))
      d.property.name = derivePropertyName(name);
    setsOrDeletes(d, "name", ctx)(name);
  };
  const idInput = textInput(d.id, setsOrDeletes(d, "id", ctx), {
    readonly: ctx.isSaved,
    pattern: "[A-Za-z0-9_-]+",
  });
  const propertyNameInput = textInput(d.property.name, sets(d.property, "name", ctx), {
    placeholder: "ls_lead_score",
  });
  ctx.live(() => {
    // Never the field being typed in: it keeps what is typed (docs/decisions.md §Builder inputs are never replaced).
    if (document.activeElement !== idInput) idInput.value = d.id ?? "";
    if (document.activeElement !== propertyNameInput) propertyNameInput.value = d.property.name;
  });
  return h(
    "section",
    {},
    h("h2", {}, "Score"),
    h(
      "div",
      { class: "row" },
      field("Name", "name", textInput(d.name, setName, { required: true })),
      field("Id", "id", idInput, ctx.isSaved ? "fixed once saved" : "from the name until you type one"),
      field(
        "Object",
        "object",
        select(
          /** @type {const} */ ([
            ["contacts", "contacts"],
            ["companies", "companies"],
            ["deals", "deals"],
          ]),
          d.object,
          (v) => {
            changeObject(d, v);
            ctx.rerender("object");
          },
          { disabled: ctx.isSaved },
        ),
      ),
      field(
        "Type",
        "type",
        select(
          /** @type {const} */ ([
            ["engagement", "engagement"],
            ["fit", "fit"],
            ["combined", "combined"],
          ]),
          d.type,
          (v) => {
            changeType(d, v);
            ctx.rerender("type");
          },
        ),
      ),
    ),
    h(
      "div",
      { class: "row" },
      field("Property name", "property.name", propertyNameInput, "a–z, 0–9 and _, from a letter; not hs_"),
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
      field(
        "Score at least",
        "limits.min",
        numberInput(d.limits?.min, setsLimit("min"), { placeholder: "no floor" }),
      ),
      field(
        "Score at most",
        "limits.max",
        numberInput(d.limits?.max, setsLimit("max"), { placeholder: "no ceiling" }),
      ),
    ),
  );
}
