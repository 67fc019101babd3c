import { sets, setsOrDeletes } from "./builder-edits.js";
import { button, field, h, numberInput, select, setOrDelete, textInput } from "./dom.js";

// docs/scoring.md §Thresholds: High/Medium/Low, A1..C3 for combined scores, or custom tiers with colours.

/** @typedef {import("./types.js").DraftDefinition} DraftDefinition */
/** @typedef {import("./types.js").DraftThresholds} DraftThresholds */
/** @typedef {import("./types.js").DraftTier} DraftTier */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {"" | "levels" | "letters" | "tiers"} ThresholdsMode */

const COLOURS = ["RED", "ORANGE", "YELLOW", "GREEN", "BLUE", "PURPLE", "GRAY"];

/**
 * Which thresholds a definition has: none, A1..C3 (combined scores), custom tiers, or levels.
 * @param {DraftDefinition} d
 * @returns {ThresholdsMode}
 */
export function thresholdsMode(d) {
  const t = d.thresholds;
  if (!t) return "";
  if (d.type === "combined") return "letters";
  return t.tiers ? "tiers" : "levels";
}

/**
 * The thresholds a mode starts from, to be adjusted.
 * @param {ThresholdsMode} mode
 * @returns {DraftThresholds | undefined}
 */
export function newThresholds(mode) {
  if (mode === "") return undefined;
  if (mode === "letters") return { fit: { high: 40, medium: 20 }, engagement: { high: 40, medium: 15 } };
  if (mode === "levels") return { high: 70, medium: 40 };
  return {
    tiers: [
      { label: "Hot", from: 80, color: "RED" },
      { label: "Warm", from: 40, color: "ORANGE" },
      { label: "Cold", color: "BLUE" },
    ],
  };
}

/**
 * Adds a tier before the last one, which takes every score below the others; returns its index.
 * @param {DraftTier[]} tiers
 */
export function addTier(tiers) {
  const at = Math.max(0, tiers.length - 1);
  tiers.splice(at, 0, { label: "", from: 0 });
  return at;
}

/**
 * A combined score's part, made empty when absent so that what is typed lands in the thresholds.
 * @param {DraftThresholds} t
 * @param {"fit" | "engagement"} part
 */
function ownLevels(t, part) {
  const levels = t[part] ?? {};
  t[part] = levels;
  return levels;
}

/**
 * @param {import("./types.js").DraftLevels} obj
 * @param {string} path
 * @param {FormContext} ctx
 * @param {string} legend
 */
function levels(obj, path, ctx, legend) {
  /** @type {(key: "high" | "medium") => HTMLElement} */
  const n = (key) =>
    field(
      key === "high" ? "High from" : "Medium from",
      `${path}.${key}`,
      numberInput(obj[key], setsOrDeletes(obj, key, ctx)),
    );
  return h("fieldset", {}, h("legend", {}, legend), h("div", { class: "row" }, n("high"), n("medium")));
}

/**
 * @param {DraftTier[]} tiers
 * @param {FormContext} ctx
 */
function tiersEditor(tiers, ctx) {
  return h(
    "div",
    { class: "tiers" },
    tiers.map((tier, i) => {
      const path = `thresholds.tiers[${i}]`;
      const swatch = h("span", { class: "swatch", "aria-hidden": "true" });
      swatch.style.background = (tier.color ?? "transparent").toLowerCase();
      return h(
        "div",
        { class: "row tier" },
        field("Label", `${path}.label`, textInput(tier.label, sets(tier, "label", ctx))),
        field(
          i === tiers.length - 1 ? "From (empty for the last tier)" : "From score",
          `${path}.from`,
          numberInput(tier.from, setsOrDeletes(tier, "from", ctx)),
        ),
        field(
          "Colour",
          `${path}.color`,
          textInput(
            tier.color,
            (v) => {
              setOrDelete(tier, "color", v);
              swatch.style.background = v.toLowerCase();
              ctx.changed();
            },
            { list: "tier-colours" },
          ),
        ),
        swatch,
        button(
          "Remove tier",
          () => {
            tiers.splice(i, 1);
            ctx.rerender("thresholds.addTier");
          },
          { class: "small", disabled: tiers.length === 1 },
        ),
      );
    }),
    h(
      "datalist",
      { id: "tier-colours" },
      COLOURS.map((c) => h("option", { value: c })),
    ),
    button("Add tier", () => ctx.rerender(`thresholds.tiers[${addTier(tiers)}].label`), {
      class: "small",
      dataset: { focus: "thresholds.addTier" },
    }),
  );
}

/**
 * @param {DraftDefinition} d
 * @param {FormContext} ctx
 */
export function thresholds(d, ctx) {
  const t = d.thresholds;
  const mode = thresholdsMode(d);
  /** @type {[ThresholdsMode, string][]} */
  const options =
    d.type === "combined"
      ? [
          ["", "none"],
          ["letters", "A1..C3 (fit letter, engagement digit)"],
        ]
      : [
          ["", "none"],
          ["levels", "High / Medium / Low"],
          ["tiers", "custom tiers with colours"],
        ];
  const pick = select(options, mode, (m) => {
    const fresh = newThresholds(m);
    if (fresh) d.thresholds = fresh;
    else delete d.thresholds;
    ctx.rerender("thresholds");
  });
  return h(
    "section",
    { class: "thresholds" },
    h("h2", {}, "Thresholds"),
    field("Thresholds", "thresholds", pick),
    mode === "levels" && t && levels(t, "thresholds", ctx, "Levels"),
    // A combined score's thresholds applied as JSON may lack a part: its inputs start empty, and
    // saving reports what is missing, rather than the form failing to draw.
    mode === "letters" &&
      t && [
        levels(ownLevels(t, "fit"), "thresholds.fit", ctx, "Fit part (A, B, C)"),
        levels(ownLevels(t, "engagement"), "thresholds.engagement", ctx, "Engagement part (1, 2, 3)"),
      ],
    mode === "tiers" && t?.tiers && tiersEditor(t.tiers, ctx),
  );
}
