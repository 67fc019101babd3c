import { button, h, uid } from "./dom.js";
import { enclosingPaths, problemText } from "./problem-paths.js";

// Validation messages next to the field (docs/decisions.md §One definition object), from the API's
// `problems[].path`: the nearest element of the form carrying that path gets the message
// (problem-paths.js).

/**
 * @param {HTMLElement} form
 * @param {string} path
 */
function nearest(form, path) {
  for (const p of enclosingPaths(path)) {
    const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el instanceof HTMLElement) return el;
  }
  return null;
}

/**
 * @param {HTMLElement} form
 * @param {HTMLElement} summary
 */
export function clearProblems(form, summary) {
  for (const el of form.querySelectorAll(".field-error")) el.remove();
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
  }
  summary.replaceChildren();
}

const CONTROLS = "input, select, textarea";
/** @param {HTMLElement} el */
const controlOf = (el) =>
  /** @type {HTMLElement | null} */ (el.matches(CONTROLS) ? el : el.querySelector(CONTROLS));

/**
 * Puts each problem beside its field and lists them all above the form, each linking to its field.
 * @param {HTMLElement} form
 * @param {HTMLElement} summary
 * @param {import("./types.js").FieldProblem[]} problems
 */
export function showProblems(form, summary, problems, title = "The definition has problems") {
  clearProblems(form, summary);
  const items = problems.map((problem) => {
    const target = nearest(form, problem.path);
    const id = uid("err");
    const text = problemText(problem);
    if (target) {
      target.append(h("p", { class: "field-error", id }, problem.message));
      const control = controlOf(target);
      control?.setAttribute("aria-invalid", "true");
      control?.setAttribute("aria-describedby", id);
      return h(
        "li",
        {},
        button(text, () => control?.focus() ?? target.scrollIntoView(), { class: "link" }),
      );
    }
    return h("li", {}, text);
  });
  summary.append(h("div", { class: "error" }, h("p", {}, title), h("ul", {}, items)));
}

/**
 * @param {HTMLElement} summary
 * @param {string} text
 * @param {"error" | "ok" | "warning"} [kind]
 */
export function showMessage(summary, text, kind = "error") {
  summary.replaceChildren(h("div", { class: kind }, h("p", {}, text)));
}
