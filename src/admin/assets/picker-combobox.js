import { h, uid } from "./dom.js";
import { matchOptions, shownText, valueOfText } from "./picker-matches.js";

// A searchable picker (docs/decisions.md §Builder pickers), a WAI-ARIA combobox: the input shows the
// chosen option's label and its internal value on hover; typing filters the options by label or name;
// a click or Enter picks, and a name typed in full is saved as its internal value. What is typed is kept as it is when no
// option matches, and with no catalog the picker is a plain text field with a note.

/** @typedef {import("./types.js").PickOption} PickOption */

/**
 * The note under a picker: what is loading, what failed, or that a value is kept as typed.
 * @param {import("./types.js").CatalogState<readonly PickOption[]>} state
 * @param {string | undefined} value
 * @param {string} what "properties of contacts"
 */
export function pickerNote(state, value, what) {
  if (state.status === "loading") return `Loading the ${what} from HubSpot…`;
  // HubSpot's own message is long (a correlation id, the portal): it is the note's title, on hover.
  if (state.status === "failed")
    return `The ${what} could not be loaded from HubSpot: type the internal name.`;
  if (state.status === "ready" && value && !state.data.some((o) => o.value === value))
    return `“${value}” is not among the ${what}: kept as typed.`;
  return undefined;
}

/**
 * @param {{
 *   label: string,
 *   path: string,
 *   value: string | undefined,
 *   state: import("./types.js").CatalogState<readonly PickOption[]>,
 *   what: string,
 *   onText: (value: string) => void,
 *   onPick: (value: string) => void,
 *   placeholder?: string,
 * }} spec
 */
export function comboboxField(spec) {
  const options = spec.state.status === "ready" ? spec.state.data : [];
  const listId = uid("options");
  const inputId = uid();
  let active = -1;
  /** @type {PickOption[]} */
  let shown = [];

  const input = h("input", {
    type: "text",
    id: inputId,
    value: shownText(options, spec.value),
    title: spec.value || undefined,
    placeholder: spec.placeholder,
    autocomplete: "off",
    ...(options.length > 0
      ? { role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId }
      : {}),
  });
  const list = h("ul", { class: "picker-options", id: listId, role: "listbox", hidden: true });

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  /** @param {PickOption} option */
  const pick = (option) => {
    input.value = option.label;
    input.title = option.value;
    close();
    spec.onPick(option.value);
  };
  const mark = () => {
    list.querySelectorAll("li").forEach((li, i) => {
      li.setAttribute("aria-selected", String(i === active));
      if (i === active) {
        input.setAttribute("aria-activedescendant", li.id);
        li.scrollIntoView({ block: "nearest" });
      }
    });
  };
  /** @param {string} text */
  const open = (text) => {
    if (options.length === 0) return;
    shown = matchOptions(options, text);
    // Opened on what is chosen, that option is marked: ↓ goes on from it.
    active = text === "" ? shown.findIndex((o) => o.value === spec.value) : -1;
    list.replaceChildren(
      ...shown.map((option) =>
        h(
          "li",
          {
            id: uid("option"),
            role: "option",
            title: option.value,
            "aria-selected": "false",
            class: option.unavailable ? "unavailable" : undefined,
            // Before the input's blur: a click must land on the option, not on a closed list.
            onMousedown: (/** @type {Event} */ e) => e.preventDefault(),
            onClick: () => pick(option),
          },
          h("span", {}, option.label),
          option.hint ? h("small", { class: "hint" }, ` ${option.hint}`) : null,
        ),
      ),
    );
    if (shown.length === 0)
      list.append(h("li", { class: "hint", role: "presentation" }, "No match: kept as typed."));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    mark();
  };

  // Not on focus: the form is drawn again after a pick with the focus back here, and the options
  // must not cover what comes next. A click, typing or ↓ opens them.
  input.addEventListener("click", () => {
    if (list.hidden) open("");
  });
  input.addEventListener("input", () => {
    spec.onText(valueOfText(options, input.value));
    input.title = valueOfText(options, input.value);
    open(input.value);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden && event.key === "ArrowDown") open("");
    if (list.hidden || shown.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = Math.max(0, Math.min(shown.length - 1, active + step));
      mark();
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      const option = shown[active];
      if (option) pick(option);
    } else if (event.key === "Escape") close();
  });
  input.addEventListener("blur", () => close());
  const note = pickerNote(spec.state, spec.value, spec.what);
  return h(
    "div",
    { class: "field picker", dataset: { path: spec.path } },
    h("label", { for: inputId }, spec.label),
    h("div", { class: "picker-box" }, input, list),
    noteElement(spec.state, note),
  );
}

/**
 * The note under a picker, with the reason a catalog failed on hover.
 * @param {import("./types.js").CatalogState<unknown>} state
 * @param {string | undefined} note
 */
export const noteElement = (state, note) =>
  note
    ? h("small", { class: "hint", title: state.status === "failed" ? state.message : undefined }, note)
    : null;
