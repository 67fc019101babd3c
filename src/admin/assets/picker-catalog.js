// What the builder's pickers offer, read from the admin API once per page (docs/decisions.md §Builder
// pickers): an object's properties, the event types with their event properties, the portal's lists.
// Each is asked the first time a picker needs it; the form is drawn again when it arrives, and a picker
// whose catalog failed is a plain text field with a note.

/** @typedef {import("./types.js").PickerProperty} PickerProperty */
/** @typedef {import("./types.js").PickerEventType} PickerEventType */
/** @typedef {import("./types.js").PickerList} PickerList */
/**
 * @template T
 * @typedef {import("./types.js").CatalogState<T>} CatalogState
 */

/**
 * @param {import("./types.js").PortalCall} call
 * @param {() => void} onSettled called when an answer (or a failure) arrives: draw the form again
 * @param {() => import("./types.js").ObjectType} scoredObject the object of the score being built
 * @returns {import("./types.js").Pickers}
 */
export function createPickerCatalog(call, onSettled, scoredObject) {
  /** @type {Map<string, CatalogState<unknown>>} */
  const states = new Map();

  /**
   * @template T
   * @param {string} path
   * @returns {CatalogState<T>}
   */
  function load(path) {
    const held = states.get(path);
    if (held) return /** @type {CatalogState<T>} */ (held);
    states.set(path, { status: "loading" });
    call("GET", path).then(
      (data) => {
        states.set(path, { status: "ready", data });
        onSettled();
      },
      (/** @type {unknown} */ error) => {
        const message = error instanceof Error ? error.message : String(error);
        states.set(path, { status: "failed", message });
        onSettled();
      },
    );
    return { status: "loading" };
  }

  return {
    scoredObject,
    properties: (objectType) => load(`/properties/${encodeURIComponent(objectType)}`),
    eventTypes: () => load(`/event-types/${encodeURIComponent(scoredObject())}`),
    lists: (objectType) => load(`/lists?objectType=${encodeURIComponent(objectType ?? scoredObject())}`),
  };
}

/**
 * The properties a condition picks from: the event's (where on an event rule), or an object's.
 * @param {import("./types.js").Pickers | undefined} pickers
 * @param {import("./types.js").PropertySource} source
 * @returns {CatalogState<PickerProperty[]>}
 */
export function propertiesFor(pickers, source) {
  if (!pickers) return { status: "none" };
  if ("event" in source) {
    const types = pickers.eventTypes();
    if (types.status !== "ready") return types;
    const type = types.data.find((t) => t.type === source.event);
    // A type the catalog does not know (a custom behavioural event): its properties are typed.
    return type ? { status: "ready", data: type.properties } : { status: "none" };
  }
  return pickers.properties(source.object === "self" ? pickers.scoredObject() : source.object);
}

/**
 * A property of a state that is ready, by internal name.
 * @param {CatalogState<PickerProperty[]>} state
 * @param {string | undefined} name
 */
export const findProperty = (state, name) =>
  state.status === "ready" ? state.data.find((p) => p.name === name) : undefined;

/**
 * Draws the form again with the focused control focused again, its caret where it was: a catalog may
 * arrive while a person types (docs/decisions.md §Builder pickers).
 * @param {HTMLElement} form
 * @param {(key: string | undefined) => void} render draws the form and focuses the control `key` names
 */
export function redrawKeepingFocus(form, render) {
  const el = document.activeElement;
  const inForm = el instanceof HTMLElement && form.contains(el);
  const keyed = inForm ? /** @type {HTMLElement | null} */ (el.closest("[data-focus], [data-path]")) : null;
  const key = keyed?.dataset.focus ?? keyed?.dataset.path;
  const caret =
    el instanceof HTMLInputElement && el.type === "text" ? [el.selectionStart, el.selectionEnd] : null;
  render(key);
  const now = document.activeElement;
  if (caret && now instanceof HTMLInputElement && now.type === "text")
    now.setSelectionRange(caret[0] ?? null, caret[1] ?? null);
}

/**
 * HubSpot's labels for a rule's one-line summary, from the catalogs loaded so far: a property's label,
 * an option's or a list's name for a value, an event type's label.
 * @param {import("./types.js").Pickers | undefined} pickers
 * @param {import("./types.js").PropertySource} source
 * @returns {import("./types.js").CatalogNames}
 */
export function catalogNames(pickers, source) {
  if (!pickers) return {};
  const properties = propertiesFor(pickers, source);
  const types = pickers.eventTypes();
  /** @type {import("./types.js").CatalogState<import("./types.js").PickerList[]>} */
  const lists =
    "object" in source
      ? pickers.lists(source.object === "self" ? undefined : source.object)
      : { status: "none" };
  return {
    property: (name) => findProperty(properties, name)?.label,
    value: (condition, value) => {
      if (condition.operator === "inList" || condition.operator === "notInList")
        return lists.status === "ready" ? lists.data.find((l) => l.id === value)?.name : undefined;
      return findProperty(properties, condition.property)?.options.find((o) => o.value === value)?.label;
    },
    event: (type) => (types.status === "ready" ? types.data.find((t) => t.type === type)?.label : undefined),
  };
}
