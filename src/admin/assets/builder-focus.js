// Every change of shape rebuilds the whole form, so focus is carried across by key: the data-focus or
// data-path of the element around a control.

const CONTROLS = "input, select, textarea, button";

/** Focuses the control the key names (the element itself, or the first control inside it). */
export function focusByKey(form, key) {
  if (!key) return;
  const el = form.querySelector(`[data-focus="${CSS.escape(key)}"], [data-path="${CSS.escape(key)}"]`);
  const control = el?.matches(CONTROLS) ? el : el?.querySelector(CONTROLS);
  control?.focus();
}

/** The key of the focused control, when the focus is in the form. */
export function focusedKey(form) {
  const el = document.activeElement;
  if (!el || !form.contains(el)) return undefined;
  return el.closest("[data-focus]")?.dataset.focus ?? el.closest("[data-path]")?.dataset.path;
}
