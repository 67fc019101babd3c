import { sets } from "./builder-edits.js";
import { h, numberInput, select, textInput, uid } from "./dom.js";

// SCORING.md §Event rule filters: timeframe and frequency.

const TIMEFRAMES = [
  ["", "any time"],
  ["within", "in the last …"],
  ["before", "before a date"],
  ["after", "after a date"],
  ["between", "between two dates"],
];
const FREQUENCIES = [
  ["", "every occurrence counts"],
  ["exactly", "exactly n times"],
  ["atLeast", "at least n times"],
  ["atMost", "at most n times"],
  ["between", "between a and b times"],
];

/** A filter's kind picker and the inputs that kind takes, side by side. */
function filterField(label, path, pick, detail) {
  pick.id = uid();
  return h(
    "div",
    { class: "field", dataset: { path } },
    // A label naming the select alone: wrapping it would fold the option texts into its name.
    h("label", { for: pick.id }, label),
    h("div", { class: "pair" }, pick, detail),
  );
}

/** When the event happened: any time, within the last n units, before, after or between dates. */
export function timeframeFields(rule, path, ctx) {
  const tf = rule.timeframe;
  const kind = tf ? Object.keys(tf)[0] : "";
  const pick = select(TIMEFRAMES, kind, (k) => {
    if (k === "") delete rule.timeframe;
    else if (k === "within") rule.timeframe = { within: { amount: 30, unit: "days" } };
    else if (k === "between") rule.timeframe = { between: ["", ""] };
    else rule.timeframe = { [k]: "" };
    ctx.rerender(`${path}.timeframe`);
  });
  let detail = null;
  if (kind === "within") {
    detail = h(
      "div",
      { class: "pair" },
      numberInput(tf.within.amount, sets(tf.within, "amount", ctx), { "aria-label": "Amount", min: 1 }),
      select(
        ["days", "weeks", "months", "years"].map((u) => [u, u]),
        tf.within.unit,
        sets(tf.within, "unit", ctx),
        { "aria-label": "Unit" },
      ),
    );
  } else if (kind === "between") {
    detail = h(
      "div",
      { class: "pair" },
      textInput(tf.between[0], sets(tf.between, 0, ctx), {
        "aria-label": "From date",
        placeholder: "2026-01-01",
      }),
      textInput(tf.between[1], sets(tf.between, 1, ctx), {
        "aria-label": "To date",
        placeholder: "2026-12-31",
      }),
    );
  } else if (kind) {
    detail = textInput(tf[kind], sets(tf, kind, ctx), { "aria-label": "Date", placeholder: "2026-01-31" });
  }
  return filterField("Timeframe", `${path}.timeframe`, pick, detail);
}

/** How often it must have happened: every occurrence counts, or exactly, at least, at most, between. */
export function frequencyFields(rule, path, ctx) {
  const fq = rule.frequency;
  const kind = fq ? Object.keys(fq)[0] : "";
  const pick = select(FREQUENCIES, kind, (k) => {
    if (k === "") delete rule.frequency;
    else rule.frequency = { [k]: k === "between" ? [1, 2] : 1 };
    ctx.rerender(`${path}.frequency`);
  });
  const count = (obj, key, label) =>
    numberInput(obj[key], sets(obj, key, ctx), { min: 0, step: 1, "aria-label": label });
  let detail = null;
  if (kind === "between") {
    detail = h("div", { class: "pair" }, count(fq.between, 0, "At least"), count(fq.between, 1, "At most"));
  } else if (kind) {
    detail = count(fq, kind, "Times");
  }
  return filterField("Frequency", `${path}.frequency`, pick, detail);
}
