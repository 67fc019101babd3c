import { $, h } from "./dom.js";
import { renderHistory } from "./history-panel.js";
import { renderPreview } from "./preview-panel.js";
import { attachRecordFinder } from "./record-finder.js";
import { renderTestResult } from "./test-panel.js";

// The side panels that try the definition being edited, unsaved edits included: test a record,
// preview the distribution, and a record's history of the saved score's property.

const enc = encodeURIComponent;

/** report(error, where) shows a failure in the panel's result. */
export function attachRecordPanels({ editor, call, report }) {
  async function runIn(out, run) {
    out.replaceChildren(h("p", {}, "Working…"));
    try {
      await run(out);
    } catch (error) {
      out.replaceChildren();
      report(error, out);
    }
  }
  const panel = (formId, resultId, run) =>
    $(formId).addEventListener("submit", (event) => {
      event.preventDefault();
      return runIn($(resultId), run);
    });

  attachRecordFinder({
    form: $("#test-form"),
    input: $("#test-query"),
    list: $("#test-matches"),
    status: $("#test-found"),
    find: async (query) =>
      (await call("GET", `/records/${editor.definition.object}/search?q=${enc(query)}`)).records,
    test: (recordId) =>
      runIn($("#test-result"), async (out) => {
        const body = { recordId, definition: editor.toSend() };
        const result = await call("POST", `/scores/${enc(editor.scoreId)}/test`, body);
        renderTestResult(out, result, editor.definition);
      }),
    onError: (error) => report(error, $("#test-result")),
  });
  panel("#preview-form", "#preview-result", async (out) => {
    const body = { definition: editor.toSend(), sample: Number($("#preview-sample").value) || 1000 };
    renderPreview(out, await call("POST", `/scores/${enc(editor.scoreId)}/preview`, body), editor.definition);
  });
  panel("#history-form", "#history-result", async (out) => {
    const id = enc($("#history-record-id").value.trim());
    const { history } = await call("GET", `/records/${editor.definition.object}/${id}/history`);
    renderHistory(out, history, editor.definition.property.name);
  });
}
