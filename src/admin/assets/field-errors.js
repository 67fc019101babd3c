import { button, h, uid } from "./dom.js";

// Validation messages next to the field (docs/decisions.md §One definition object), from the API's
// `problems[].path` ("groups[1].rules[0].points"): the nearest element of the form carrying that path gets
// the message.

function nearest(form, path) {
  let p = path;
  for (;;) {
    const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return null;
    p = p.slice(0, cut);
  }
}

export function clearProblems(form, summary) {
  for (const el of form.querySelectorAll(".field-error")) el.remove();
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    el.removeAttribute("aria-describedby");
  }
  summary.replaceChildren();
}

const controlOf = (el) =>
  el.matches("input, select, textarea") ? el : el.querySelector("input, select, textarea");

/** Puts each problem beside its field and lists them all above the form, each linking to its field. */
export function showProblems(form, summary, problems, title = "The definition has problems") {
  clearProblems(form, summary);
  const items = problems.map((problem) => {
    const target = nearest(form, problem.path);
    const id = uid("err");
    const text = problem.path ? `${problem.path}: ${problem.message}` : problem.message;
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

export function showMessage(summary, text, kind = "error") {
  summary.replaceChildren(h("div", { class: kind }, h("p", {}, text)));
}
