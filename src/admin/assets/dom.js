// Small DOM builders. Text goes in through text nodes and .value only (never innerHTML), so every
// value shown is escaped by construction, like the server's `html` templates.

/** @typedef {import("./types.js").Child} Child */
/** @typedef {import("./types.js").Attrs} Attrs */

/** The page's element for a selector (ids the page's view renders); the page has them all. */
export const $ = (/** @type {string} */ selector) =>
  /** @type {HTMLElement} */ (document.querySelector(selector));

let counter = 0;
export const uid = (prefix = "f") => `${prefix}-${++counter}`;

/**
 * @param {Element} el
 * @param {readonly Child[]} children
 */
function appendAll(el, children) {
  // Flattened as unknown[]: the nesting of Child is unbounded, more than Array.flat's type can follow.
  for (const child of /** @type {readonly unknown[]} */ (children).flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** The value of the input, select or textarea an event came from. */
export const inputValue = (/** @type {Event} */ event) =>
  /** @type {HTMLInputElement} */ (event.currentTarget ?? event.target).value;

/** Whether the checkbox an event came from is checked. */
export const checkedOf = (/** @type {Event} */ event) =>
  /** @type {HTMLInputElement} */ (event.currentTarget ?? event.target).checked;

/**
 * h("button", {type: "button", onClick}, "Save"): attributes, listeners (on*), then children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  /** @type {unknown} */
  let value;
  for (const [key, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (key.startsWith("on"))
      el.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (v));
    else if (key === "class") el.className = String(v);
    else if (key === "for" && el instanceof HTMLLabelElement) el.htmlFor = String(v);
    else if (key === "value") value = v;
    else if (key === "checked" && el instanceof HTMLInputElement) el.checked = Boolean(v);
    else if (key === "dataset") {
      for (const [name, data] of Object.entries(/** @type {Record<string, string | undefined>} */ (v)))
        if (data !== undefined) el.dataset[name] = data;
    } else el.setAttribute(key, v === true ? "" : String(v));
  }
  appendAll(el, children);
  // A select's value can only be set once its options exist.
  if (value !== undefined) /** @type {HTMLInputElement} */ (el).value = String(value);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
/**
 * h() for SVG: attributes and children only.
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | undefined>} [attrs]
 * @param {...Child} children
 * @returns {SVGElementTagNameMap[K]}
 */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(key, String(v));
  appendAll(el, children);
  return el;
}

const CONTROLS = "input, select, textarea";
/**
 * A labelled control; the wrapper carries the definition path so validation messages land beside it.
 * @param {string} label
 * @param {string | undefined} path
 * @param {HTMLElement} control
 * @param {string} [hint]
 */
export function field(label, path, control, hint) {
  const target = control.matches(CONTROLS) ? control : control.querySelector(CONTROLS);
  const id = target?.id || uid();
  if (target) target.id = id;
  return h(
    "div",
    { class: "field", dataset: path ? { path } : {} },
    h("label", { for: id }, label),
    control,
    hint ? h("small", { class: "hint" }, hint) : null,
  );
}

/**
 * @param {import("./types.js").Scalar | undefined} value
 * @param {(value: string) => void} onInput
 * @param {Attrs} [attrs]
 */
export const textInput = (value, onInput, attrs = {}) =>
  h("input", { type: "text", value: value ?? "", onInput: (e) => onInput(inputValue(e)), ...attrs });

/**
 * A number input; empty means "absent" (undefined).
 * @param {import("./types.js").Scalar | undefined} value
 * @param {(value: number | undefined) => void} onInput
 * @param {Attrs} [attrs]
 */
export const numberInput = (value, onInput, attrs = {}) =>
  h("input", {
    type: "number",
    step: "any",
    value: value ?? "",
    onInput: (e) => onInput(inputValue(e) === "" ? undefined : Number(inputValue(e))),
    ...attrs,
  });

/**
 * A select of `[value, label]` options; `onChange` receives one of the option values.
 * @template {string} V
 * @param {readonly (readonly [V, string])[]} options
 * @param {V | undefined} value
 * @param {(value: V) => void} onChange
 * @param {Attrs} [attrs]
 */
export const select = (options, value, onChange, attrs = {}) =>
  h(
    "select",
    { value: value ?? "", onChange: (e) => onChange(/** @type {V} */ (inputValue(e))), ...attrs },
    options.map(([v, label]) => h("option", { value: v }, label)),
  );

/**
 * @param {string} label
 * @param {(event: Event) => void} onClick
 * @param {Attrs} [attrs]
 */
export const button = (label, onClick, attrs = {}) =>
  h("button", { type: "button", onClick, ...attrs }, label);

/**
 * Sets obj[key], or deletes it for undefined, "" or [] so the JSON stays minimal.
 * @template {object} T
 * @template {keyof T} K
 * @param {T} obj
 * @param {K} key
 * @param {T[K] | undefined} value
 */
export function setOrDelete(obj, key, value) {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete obj[key];
  else obj[key] = value;
}

/**
 * replaceChildren that, like h(), flattens arrays and skips null, undefined and false.
 * @param {Element} el
 * @param {...Child} children
 */
export function fill(el, ...children) {
  el.replaceChildren();
  appendAll(el, children);
}

/** "2026-11-20 09:30 UTC" for an ISO instant; "—" for none. */
export const formatDate = (/** @type {string | null | undefined} */ iso) =>
  iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—";
