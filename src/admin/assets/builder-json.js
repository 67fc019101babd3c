import { $, h } from "./dom.js";
import { showMessage } from "./field-errors.js";

// The JSON view's buttons: apply what was typed, import a file, export one (SCORING.md format).

export function attachJsonControls({ editor, jsonView, messages }) {
  function importJson(text) {
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || !Array.isArray(parsed.groups))
        throw new Error("expected a score definition with groups");
      editor.apply(parsed);
      showMessage(messages, "JSON applied to the form; save to keep it.", "ok");
    } catch (error) {
      showMessage(messages, `Not a definition: ${error.message}`);
    }
  }

  $("#json-apply").addEventListener("click", () => importJson(jsonView.value));
  $("#json-import").addEventListener("change", async (event) => {
    const file = event.target.files?.[0];
    if (file) importJson(await file.text());
  });
  $("#json-export").addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([editor.toJson()], { type: "application/json" }));
    const link = h("a", { href: url, download: `${editor.definition.id || "score"}.json` });
    link.click();
    URL.revokeObjectURL(url);
  });
}
