// Small DOM builders. Text goes in through text nodes and .value only (never innerHTML), so every
// value shown is escaped by construction, like the server's `html` templates.

/** The page's element for a selector (ids the page's view renders). */
export const $ = (selector) => document.querySelector(selector);

let counter = 0;
export const uid = (prefix = "f") => `${prefix}-${++counter}`;

function appendAll(el, children) {
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** h("button", {type: "button", onClick}, "Save"): attributes, listeners (on*), then children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  let value;
  for (const [key, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2).toLowerCase(), v);
    else if (key === "class") el.className = v;
    else if (key === "for") el.htmlFor = v;
    else if (key === "value") value = v;
    else if (key === "checked") el.checked = Boolean(v);
    else if (key === "dataset") {
      for (const [name, data] of Object.entries(v)) if (data !== undefined) el.dataset[name] = data;
    } else el.setAttribute(key, v === true ? "" : String(v));
  }
  appendAll(el, children);
  // A select's value can only be set once its options exist.
  if (value !== undefined) el.value = String(value);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(key, String(v));
  appendAll(el, children);
  return el;
}

/** A labelled control; the wrapper carries the definition path so validation messages land beside it. */
export function field(label, path, control, hint) {
  const target = control.matches?.("input, select, textarea")
    ? control
    : control.querySelector?.("input, select, textarea");
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

export const textInput = (value, onInput, attrs = {}) =>
  h("input", { type: "text", value: value ?? "", onInput: (e) => onInput(e.target.value), ...attrs });

/** A number input; empty means "absent" (undefined). */
export const numberInput = (value, onInput, attrs = {}) =>
  h("input", {
    type: "number",
    step: "any",
    value: value ?? "",
    onInput: (e) => onInput(e.target.value === "" ? undefined : Number(e.target.value)),
    ...attrs,
  });

export const select = (options, value, onChange, attrs = {}) =>
  h(
    "select",
    { value: value ?? "", onChange: (e) => onChange(e.target.value), ...attrs },
    options.map(([v, label]) => h("option", { value: v }, label)),
  );

export const button = (label, onClick, attrs = {}) =>
  h("button", { type: "button", onClick, ...attrs }, label);

/** Sets obj[key], or deletes it for undefined, "" or [] so the JSON stays minimal. */
export function setOrDelete(obj, key, value) {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete obj[key];
  else obj[key] = value;
}

/** replaceChildren that, like h(), flattens arrays and skips null, undefined and false. */
export function fill(el, ...children) {
  el.replaceChildren();
  appendAll(el, children);
}
export const formatDate = (iso) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
