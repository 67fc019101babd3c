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

/** The values pointsByValue is keyed by: a fit rule's own values, an event rule's one `where` condition's. */
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
  pick.id = uid();
  const set = (fn) => (v) => {
    fn(v);
    ctx.changed();
  };
  let detail = null;
  if (kind === "within") {
    detail = h(
      "div",
      { class: "pair" },
      numberInput(
        tf.within.amount,
        set((v) => {
          tf.within.amount = v;
        }),
        { "aria-label": "Amount", min: 1 },
      ),
      select(
        ["days", "weeks", "months", "years"].map((u) => [u, u]),
        tf.within.unit,
        set((v) => {
          tf.within.unit = v;
        }),
        { "aria-label": "Unit" },
      ),
    );
  } else if (kind === "between") {
    detail = h(
      "div",
      { class: "pair" },
      textInput(
        tf.between[0],
        set((v) => {
          tf.between[0] = v;
        }),
        { "aria-label": "From date", placeholder: "2026-01-01" },
      ),
      textInput(
        tf.between[1],
        set((v) => {
          tf.between[1] = v;
        }),
        { "aria-label": "To date", placeholder: "2026-12-31" },
      ),
    );
  } else if (kind) {
    detail = textInput(
      tf[kind],
      set((v) => {
        tf[kind] = v;
      }),
      { "aria-label": "Date", placeholder: "2026-01-31" },
    );
  }
  return h(
    "div",
    { class: "field", dataset: { path: `${path}.timeframe` } },
    // A label naming the select alone: wrapping it would fold the option texts into its name.
    h("label", { for: pick.id }, "Timeframe"),
    h("div", { class: "pair" }, pick, detail),
  );
}

export function frequencyFields(rule, path, ctx) {
  const fq = rule.frequency;
  const kind = fq ? Object.keys(fq)[0] : "";
  const pick = select(FREQUENCIES, kind, (k) => {
    if (k === "") delete rule.frequency;
    else rule.frequency = { [k]: k === "between" ? [1, 2] : 1 };
    ctx.rerender(`${path}.frequency`);
  });
  pick.id = uid();
  const count = (v, set, label) =>
    numberInput(
      v,
      (n) => {
        set(n);
        ctx.changed();
      },
      { min: 0, step: 1, "aria-label": label },
    );
  let detail = null;
  if (kind === "between") {
    detail = h(
      "div",
      { class: "pair" },
      count(
        fq.between[0],
        (n) => {
          fq.between[0] = n;
        },
        "At least",
      ),
      count(
        fq.between[1],
        (n) => {
          fq.between[1] = n;
        },
        "At most",
      ),
    );
  } else if (kind) {
    detail = count(
      fq[kind],
      (n) => {
        fq[kind] = n;
      },
      "Times",
    );
  }
  return h(
    "div",
    { class: "field", dataset: { path: `${path}.frequency` } },
    // A label naming the select alone: wrapping it would fold the option texts into its name.
    h("label", { for: pick.id }, "Frequency"),
    h("div", { class: "pair" }, pick, detail),
  );
}
