import { sets, setsOrDeletes } from "./builder-edits.js";
import { button, field, h, numberInput, select, setOrDelete, textInput } from "./dom.js";

// SCORING.md §Thresholds: High/Medium/Low, A1..C3 for combined scores, or custom tiers with colours.

const COLOURS = ["RED", "ORANGE", "YELLOW", "GREEN", "BLUE", "PURPLE", "GRAY"];
function levels(obj, path, ctx, legend) {
  const n = (key) =>
    field(
      key === "high" ? "High from" : "Medium from",
      `${path}.${key}`,
      numberInput(obj[key], setsOrDeletes(obj, key, ctx)),
    );
  return h("fieldset", {}, h("legend", {}, legend), h("div", { class: "row" }, n("high"), n("medium")));
}

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
    button(
      "Add tier",
      () => {
        tiers.splice(Math.max(0, tiers.length - 1), 0, { label: "", from: 0 });
        ctx.rerender(`thresholds.tiers[${Math.max(0, tiers.length - 2)}].label`);
      },
      { class: "small", dataset: { focus: "thresholds.addTier" } },
    ),
  );
}

export function thresholds(d, ctx) {
  const t = d.thresholds;
  const mode = !t ? "" : d.type === "combined" ? "letters" : t.tiers ? "tiers" : "levels";
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
    if (m === "") delete d.thresholds;
    else if (m === "letters")
      d.thresholds = { fit: { high: 40, medium: 20 }, engagement: { high: 40, medium: 15 } };
    else if (m === "levels") d.thresholds = { high: 70, medium: 40 };
    else
      d.thresholds = {
        tiers: [
          { label: "Hot", from: 80, color: "RED" },
          { label: "Warm", from: 40, color: "ORANGE" },
          { label: "Cold", color: "BLUE" },
        ],
      };
    ctx.rerender("thresholds");
  });
  return h(
    "section",
    {},
    h("h2", {}, "Thresholds"),
    field("Thresholds", "thresholds", pick),
    mode === "levels" && levels(t, "thresholds", ctx, "Levels"),
    mode === "letters" && [
      levels(t.fit, "thresholds.fit", ctx, "Fit part (A, B, C)"),
      levels(t.engagement, "thresholds.engagement", ctx, "Engagement part (1, 2, 3)"),
    ],
    mode === "tiers" && tiersEditor(t.tiers, ctx),
  );
}
