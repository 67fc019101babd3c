import { $, h } from "./dom.js";
import { showMessage } from "./field-errors.js";

// The JSON view's buttons: apply what was typed, import a file, export one (docs/scoring.md format).

/**
 * The definition typed or imported as JSON. Only its shape is checked here, enough for the form to
 * draw it; the API checks the rest on save, with a message beside each field.
 * @param {string} text
 * @returns {import("./types.js").DraftDefinition}
 */
export function parseDefinitionJson(text) {
  const parsed = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || !Array.isArray(parsed.groups))
    throw new Error("expected a score definition with groups");
  return parsed;
}

/**
 * @param {{
 *   editor: import("./builder-editor.js").DefinitionEditor,
 *   jsonView: HTMLTextAreaElement,
 *   messages: HTMLElement,
 * }} parts
 */
export function attachJsonControls({ editor, jsonView, messages }) {
  /** @param {string} text */
  function importJson(text) {
    try {
      editor.apply(parseDefinitionJson(text));
      showMessage(messages, "JSON applied to the form; save to keep it.", "ok");
    } catch (error) {
      showMessage(messages, `Not a definition: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  $("#json-apply").addEventListener("click", () => importJson(jsonView.value));
  $("#json-import").addEventListener("change", async (event) => {
    const file = /** @type {HTMLInputElement} */ (event.currentTarget).files?.[0];
    if (file) importJson(await file.text());
  });
  $("#json-export").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([editor.toJson()], { type: "application/json" }));
    const link = h("a", { href: url, download: `${editor.definition.id || "score"}.json` });
    link.click();
    URL.revokeObjectURL(url);
  });
}
