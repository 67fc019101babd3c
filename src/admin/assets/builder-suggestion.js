import { ApiError } from "./api.js";
import { fill, h } from "./dom.js";
import { DEFAULT_STAGES, stageLabel, stageOptions } from "./lifecycle-stages.js";
import { droppedFeatures, evidenceCharts, evidenceSummary } from "./suggestion-evidence.js";

// A suggested score's evidence in the builder (docs/decisions.md §Evidence beside suggested rules): the
// overall figures in a panel above the form, and each rule's evidence under its line while it is as
// suggested. The page has the panel only for a suggested score (render-builder-page.ts); the draft as
// suggested is the score's first revision. A suggestion deleted since the page was drawn (404) shows nothing.

/**
 * Reads the score's suggestion; when it has one, fills `panel` and gives the editor the rules' evidence.
 * @param {{
 *   call: import("./types.js").PortalCall,
 *   editor: import("./builder-editor.js").DefinitionEditor,
 *   scoreId: string,
 *   panel: HTMLElement,
 * }} parts
 */
export async function showSuggestion({ call, editor, scoreId, panel }) {
  const score = `/scores/${encodeURIComponent(scoreId)}`;
  /** @type {import("./types.js").Suggestion} */
  let suggestion;
  try {
    suggestion = /** @type {import("./types.js").Suggestion} */ (await call("GET", `${score}/suggestion`));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return;
    throw error;
  }
  const { revisions } = /** @type {{revisions: import("./types.js").ScoreRevision[]}} */ (
    await call("GET", `${score}/revisions`)
  );
  const first = revisions[0];
  const { request, evidence } = suggestion;
  if (first) {
    editor.suggestion = { evidence, suggested: first.definition, object: request.object };
    editor.render();
  }
  // The stages by the portal's labels; HubSpot's default ones when the portal's cannot be read.
  const stages = await call("GET", `/properties/${request.object}`).then(
    (properties) => stageOptions(/** @type {import("./types.js").PickerProperty[]} */ (properties)),
    () => DEFAULT_STAGES,
  );
  const labelOf = (/** @type {string} */ value) => stageLabel(stages, value);
  panel.hidden = false;
  fill(
    panel,
    h("h2", { id: "suggestion-h" }, "Suggested by lead-score"),
    h(
      "p",
      { class: "hint" },
      `Drafted on ${suggestion.createdAt.slice(0, 10)} from the ${request.object} that went from ${labelOf(request.from)} to ${labelOf(request.to)} within ${request.withinDays} days, against those that did not. Each rule shows the ${request.object} with its feature and how they converted, until you change it.`,
    ),
    h("div", { class: "evidence" }, evidenceSummary(evidence, request, labelOf)),
    h(
      "details",
      { class: "evidence-figures" },
      h("summary", {}, "Conversion by tier and by score decile"),
      h("div", { class: "evidence-charts" }, evidenceCharts(evidence)),
    ),
    droppedFeatures(evidence, request.object),
  );
}
