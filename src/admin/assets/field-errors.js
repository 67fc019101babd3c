import { button, h, uid } from "./dom.js";
import { enclosingPaths } from "./problem-paths.js";
import { plainMessage, problemSentence } from "./problem-sentences.js";

// Validation messages next to the field (docs/decisions.md §One definition object), from the API's
// `problems[].path`: the nearest element of the form carrying that path gets the message
// (problem-paths.js), in plain words (docs/decisions.md §Problems in plain words).

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
 * The message beside a field, and its control marked invalid and described by it.
 * @param {HTMLElement} target
 * @param {string} message
 */
function mark(target, message) {
  const id = uid("err");
  target.append(h("p", { class: "field-error", id }, message));
  const control = controlOf(target);
  control?.setAttribute("aria-invalid", "true");
  control?.setAttribute("aria-describedby", id);
}

/**
 * Puts each problem beside its field and lists them all above the form, each linking to its field.
 * `reveal(path)` unfolds the rule or group a path is in and says whether the form was drawn anew: the
 * first problem in a folded part is unfolded (once: one rule is open at a time), and a link unfolds its own.
 * @param {HTMLElement} form
 * @param {HTMLElement} summary
 * @param {import("./types.js").FieldProblem[]} problems
 * @param {{title?: string, reveal?: (path: string) => boolean, revealFirst?: boolean}} [options]
 */
export function showProblems(form, summary, problems, options = {}) {
  const { title = "The definition has problems", reveal, revealFirst = true } = options;
  const again = { ...options, revealFirst: false };
  if (revealFirst && reveal && problems.some((problem) => reveal(problem.path)))
    return showProblems(form, summary, problems, again);
  clearProblems(form, summary);
  const items = problems.map((problem) => {
    const text = problemSentence(problem);
    const target = nearest(form, problem.path);
    if (target) mark(target, plainMessage(problem.message));
    if (!target && !reveal) return h("li", {}, text);
    const go = () => {
      // A redraw since took the messages away: they are put back beside the fields drawn now.
      reveal?.(problem.path);
      showProblems(form, summary, problems, again);
      const el = nearest(form, problem.path);
      const control = el && controlOf(el);
      if (control) control.focus();
      else el?.scrollIntoView();
    };
    return h("li", {}, button(text, go, { class: "link" }));
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
