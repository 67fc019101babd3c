import { button, h } from "./dom.js";

// The button that folds and unfolds a rule or a group (docs/decisions.md §Builder inputs are never
// replaced): its number, then its one-line summary, which follows every edit in place.

/**
 * @param {{
 *   ctx: import("./types.js").FormContext,
 *   path: string,
 *   open: boolean,
 *   number: string,
 *   summarize: () => string,
 *   flip: () => void,
 *   className: string,
 * }} parts flip() changes what is open in ctx.view; the form is then drawn again
 */
export function foldToggle({ ctx, path, open, number, summarize, flip, className }) {
  const summary = h("span", { class: "summary-text" });
  ctx.live(() => {
    summary.textContent = summarize();
  });
  const toggle = button(
    "",
    () => {
      flip();
      ctx.redraw(`${path}.toggle`);
    },
    { class: className, "aria-expanded": String(open), dataset: { focus: `${path}.toggle` } },
  );
  toggle.append(h("span", { class: "rule-number" }, number), " ", summary);
  return toggle;
}
