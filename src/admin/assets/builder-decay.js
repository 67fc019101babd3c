import { setsOrDeletes } from "./builder-edits.js";
import { checkedOf, field, h, numberInput, select } from "./dom.js";

// A group's decay (docs/scoring.md §Decay): a percent every 1, 3, 6 or 12 months, or every n days.

/** @typedef {import("./types.js").DraftDecay} DraftDecay */
/** @typedef {import("./types.js").DraftGroup} DraftGroup */
/** @typedef {import("./types.js").FormContext} FormContext */
/** @typedef {"1" | "3" | "6" | "12" | "days"} DecayInterval */

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
 * "halves every month", "−20% every 30 days": a decay in a group's heading.
 * @param {DraftDecay} decay
 */
export function decaySummary(decay) {
  const every =
    "everyDays" in decay
      ? `${decay.everyDays ?? "…"} days`
      : decay.everyMonths === 1
        ? "month"
        : `${decay.everyMonths} months`;
  return decay.percent === 50 ? `halves every ${every}` : `−${decay.percent ?? "…"}% every ${every}`;
}

/**
 * @param {Extract<DraftGroup, {kind: "engagement"}>} group
 * @param {string} path
 * @param {FormContext} ctx
 */
export function decayFields(group, path, ctx) {
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
    { class: "field decay", dataset: { path: `${path}.decay`, focus: `${path}.decay` } },
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
