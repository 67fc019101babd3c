import { $, h } from "./dom.js";
import { renderHistory } from "./history-panel.js";
import { watchJob } from "./job-progress.js";
import { DEFAULT_STAGES, fillStageSelect, stageOptions } from "./lifecycle-stages.js";
import { renderPerformance } from "./performance-panel.js";
import { renderPreview } from "./preview-panel.js";
import { attachRecordFinder } from "./record-finder.js";
import { loadRecordNames } from "./record-names.js";
import { renderTestResult, testedIds } from "./test-panel.js";

// The side panels that try the definition being edited, unsaved edits included: test a record,
// preview the distribution, and a record's history of the saved score's property.

const enc = encodeURIComponent;

/**
 * report(error, where) shows a failure in the panel's result.
 * @param {{
 *   editor: import("./builder-editor.js").DefinitionEditor,
 *   call: import("./types.js").PortalCall,
 *   portalId: string,
 *   report: (error: unknown, where?: HTMLElement) => void,
 * }} parts
 */
export function attachRecordPanels({ editor, call, portalId, report }) {
  /**
   * @param {HTMLElement} out
   * @param {(out: HTMLElement) => Promise<void>} run
   */
  async function runIn(out, run) {
    out.replaceChildren(h("p", {}, "Working…"));
    try {
      await run(out);
    } catch (error) {
      out.replaceChildren();
      report(error, out);
    }
  }
  /** @type {(formId: string, resultId: string, run: (out: HTMLElement) => Promise<void>) => void} */
  const panel = (formId, resultId, run) =>
    $(formId).addEventListener("submit", (event) => {
      event.preventDefault();
      return runIn($(resultId), run);
    });

  attachRecordFinder({
    form: $("#test-form"),
    input: /** @type {HTMLInputElement} */ ($("#test-query")),
    list: $("#test-matches"),
    status: $("#test-found"),
    find: async (query) => {
      const path = `/records/${editor.definition.object}/search?q=${enc(query)}`;
      return /** @type {{records: import("./types.js").FoundRecord[]}} */ (await call("GET", path)).records;
    },
    test: (recordId) => {
      editor.onCatalog = () => {};
      return runIn($("#test-result"), async (out) => {
        const body = { recordId, definition: editor.toSend() };
        const response = /** @type {import("./types.js").TestResponse} */ (
          await call("POST", `/scores/${enc(String(editor.scoreId))}/test`, body)
        );
        const ids = testedIds(response.result);
        const [record, contacts] = await Promise.all([
          loadRecordNames(call, editor.definition.object, [ids.record]),
          loadRecordNames(call, "contacts", ids.contacts),
        ]);
        // The definition as tested, for a catalog that arrives later to name its rules anew (the form
        // may change meanwhile): the rules read as the builder's once their labels are there.
        const tested = structuredClone(editor.definition);
        const draw = () => renderTestResult(out, response, tested, { record, contacts }, editor.ruleNames);
        draw();
        editor.onCatalog = draw;
        // The record just tested is the one whose history a person looks at next.
        const historyId = /** @type {HTMLInputElement} */ ($("#history-record-id"));
        if (!historyId.value) historyId.value = recordId;
      });
    },
    onError: (error) => report(error, $("#test-result")),
  });
  panel("#preview-form", "#preview-result", async (out) => {
    const sample = Number(/** @type {HTMLInputElement} */ ($("#preview-sample")).value) || 1000;
    // Unsaved edits are previewed against the saved score ("Impact of this edit"); without any, the
    // saved score is previewed alone and no impact is shown (docs/decisions.md §Problems in plain words).
    const body = editor.dirty ? { definition: editor.toSend(), sample } : { sample };
    const preview = /** @type {import("./types.js").PreviewResponse} */ (
      await call("POST", `/scores/${enc(String(editor.scoreId))}/preview`, body)
    );
    const moved = (preview.impact?.moves ?? []).map((m) => m.id);
    const names = await loadRecordNames(call, editor.definition.object, moved);
    renderPreview(out, preview, editor.definition, names);
  });
  panel("#history-form", "#history-result", async (out) => {
    const id = /** @type {HTMLInputElement} */ ($("#history-record-id")).value.trim();
    const { object } = editor.definition;
    const [{ history }, names] = await Promise.all([
      /** @type {Promise<{history: import("./types.js").HistoryEntry[]}>} */ (
        call("GET", `/records/${object}/${enc(id)}/history`)
      ),
      loadRecordNames(call, object, [id]),
    ]);
    renderHistory(out, history, editor.definition, { recordId: id, names });
  });
  // The stage a record converts by reaching, by the portal's labels for the score's object once read
  // (HubSpot's eight until then); deals have no lifecycle stage, and their performance is refused anyway.
  const performanceStage = document.querySelector("#performance-stage");
  fillStageSelect(performanceStage, DEFAULT_STAGES, "customer");
  const stagesOf = performanceStage instanceof HTMLElement ? performanceStage.dataset.object : undefined;
  if (stagesOf === "contacts" || stagesOf === "companies")
    call("GET", `/properties/${stagesOf}`).then(
      (properties) =>
        fillStageSelect(
          performanceStage,
          stageOptions(/** @type {import("./types.js").PickerProperty[]} */ (properties)),
          "customer",
        ),
      () => {},
    );
  panel("#performance-form", "#performance-result", async (out) => {
    const stage = /** @type {HTMLSelectElement} */ ($("#performance-stage")).value;
    const withinDays = Number(/** @type {HTMLInputElement} */ ($("#performance-within")).value) || 30;
    const days = Number(/** @type {HTMLInputElement} */ ($("#performance-days")).value) || 90;
    const query = `?to=${enc(stage)}&withinDays=${withinDays}&days=${days}`;
    const path = `/scores/${enc(String(editor.scoreId))}/performance${query}`;
    // The score's first snapshot is built by a job (202): its progress bar, then the charts
    // (docs/decisions.md §Score performance).
    let answer =
      /** @type {import("./performance-figures.js").Performance | {job: import("./types.js").Job}} */ (
        await call("GET", path)
      );
    if ("job" in answer) {
      const job = await watchJob(call, answer.job.id, out, undefined, "Building the score's performance");
      if (job.status !== "done") return;
      answer = /** @type {import("./performance-figures.js").Performance} */ (await call("GET", path));
    }
    if ("job" in answer)
      throw new Error("the performance snapshot is still being built: ask again in a moment");
    const performance = answer;
    const csvUrl = `/api/portals/${enc(portalId)}${path}&format=csv`;
    renderPerformance(out, performance, editor.definition, { stage, withinDays, csvUrl });
  });
}
