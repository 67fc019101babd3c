// Every change of shape rebuilds the whole form, so focus is carried across by key: the data-focus or
// data-path of the element around a control.

const CONTROLS = "input, select, textarea, button";

/**
 * Focuses the control the key names (the element itself, or the first control inside it).
 * @param {HTMLElement} form
 * @param {string} [key]
 */
export function focusByKey(form, key) {
  if (!key) return;
  const el = form.querySelector(`[data-focus="${CSS.escape(key)}"], [data-path="${CSS.escape(key)}"]`);
  const control = el?.matches(CONTROLS) ? el : el?.querySelector(CONTROLS);
  if (control instanceof HTMLElement) control.focus();
}
