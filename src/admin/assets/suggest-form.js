import { ApiError } from "./api.js";
import { h, uid } from "./dom.js";
import { DEFAULT_STAGES, fillStageSelect, stageLabel, stageOptions } from "./lifecycle-stages.js";
import { plainMessage } from "./problem-sentences.js";
import { suggestionSentence } from "./suggest-sentences.js";

// The form of "Suggest a score" (docs/scoring.md §Suggested scores): the object, the type, the stages by
// the portal's labels and the time frame, with a sentence that says what will happen; the API's refusals
// go beside the field they name, in plain words (docs/decisions.md §Problems in plain words).

/** @typedef {import("./types.js").SuggestRequest} SuggestRequest */
/** @typedef {import("./lifecycle-stages.js").StageOption} StageOption */

const LABELS = /** @type {Record<string, string>} */ ({
  object: "Object",
  type: "Type",
  from: "From stage",
  to: "To stage",
  withinDays: "Within days",
});

/**
 * @param {HTMLFormElement} form
 * @param {import("./types.js").PortalCall} call
 */
export function createSuggestForm(form, call) {
  const control = (/** @type {string} */ name) =>
    /** @type {HTMLSelectElement | HTMLInputElement} */ (form.elements.namedItem(name));
  const [object, type, from, to, within] = ["object", "type", "from", "to", "withinDays"].map(control);
  const sentence = /** @type {HTMLElement} */ (form.querySelector("#suggest-sentence"));
  const stagesNote = /** @type {HTMLElement} */ (form.querySelector("#suggest-stages"));
  const messages = /** @type {HTMLElement} */ (form.querySelector("#suggest-messages"));
  /** @type {readonly StageOption[]} */
  let stages = DEFAULT_STAGES;
  const labelOf = (/** @type {string} */ value) => stageLabel(stages, value);

  /** @returns {SuggestRequest} */
  const request = () => ({
    object: object?.value === "companies" ? "companies" : "contacts",
    type: type?.value === "fit" ? "fit" : "engagement",
    from: from?.value ?? "",
    to: to?.value ?? "",
    withinDays: Number(within?.value),
  });
  const describe = () => {
    sentence.textContent = suggestionSentence(request(), labelOf);
  };

  /**
   * The stage selects from `stages`, keeping what was chosen where the new options have it; MQL to SQL first.
   * @param {HTMLSelectElement | HTMLInputElement | undefined} select
   * @param {string} preferred
   */
  const fillStages = (select, preferred) => fillStageSelect(select ?? null, stages, preferred);

  /** The scored object's stages from the portal (GET /properties/:object); HubSpot's eight when unread. */
  async function loadStages() {
    stagesNote.textContent = "";
    try {
      const properties = /** @type {import("./types.js").PickerProperty[]} */ (
        await call("GET", `/properties/${request().object}`)
      );
      stages = stageOptions(properties);
      if (stages === DEFAULT_STAGES)
        stagesNote.textContent =
          "The portal's lifecycle stage has no options: HubSpot's default stages are shown.";
    } catch (error) {
      stages = DEFAULT_STAGES;
      stagesNote.textContent = "The portal's stages could not be read: HubSpot's default stages are shown.";
      stagesNote.title = error instanceof Error ? error.message : String(error);
    }
    fillStages(from, "marketingqualifiedlead");
    fillStages(to, "salesqualifiedlead");
    describe();
  }

  const clearProblems = () => {
    for (const el of form.querySelectorAll(".field-error")) el.remove();
    for (const el of form.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      el.removeAttribute("aria-describedby");
    }
    messages.replaceChildren();
  };

  /**
   * A refusal of the API: each problem beside the field it names, and listed above the button.
   * @param {unknown} error
   */
  function showError(error) {
    clearProblems();
    const problems = error instanceof ApiError ? error.problems : [];
    if (problems.length === 0) {
      messages.append(
        h("div", { class: "error" }, h("p", {}, error instanceof Error ? error.message : String(error))),
      );
      return;
    }
    const items = problems.map((problem) => {
      const key = problem.path.split(/[.[]/)[0] ?? "";
      const wrapper = form.querySelector(`[data-path="${CSS.escape(key)}"]`);
      const text = plainMessage(problem.message);
      if (wrapper) {
        const id = uid("err");
        wrapper.append(h("p", { class: "field-error", id }, text));
        const input = wrapper.querySelector("select, input");
        input?.setAttribute("aria-invalid", "true");
        input?.setAttribute("aria-describedby", id);
      }
      return h("li", {}, LABELS[key] ? `${LABELS[key]}: ${text}` : text);
    });
    messages.append(
      h("div", { class: "error" }, h("p", {}, "The suggestion cannot start"), h("ul", {}, items)),
    );
  }

  object?.addEventListener("change", () => loadStages());
  for (const el of [type, from, to, within]) el?.addEventListener("input", describe);
  for (const el of [type, from, to]) el?.addEventListener("change", describe);
  fillStages(from, "marketingqualifiedlead");
  fillStages(to, "salesqualifiedlead");
  describe();
  /**
   * The form as it was when a suggestion was asked (suggest-query.js): the object's stages read first.
   * @param {SuggestRequest} asked
   */
  async function setRequest(asked) {
    if (object) object.value = asked.object;
    if (type) type.value = asked.type;
    if (within) within.value = String(asked.withinDays);
    if (from) from.value = asked.from;
    if (to) to.value = asked.to;
    await loadStages();
    // A stage the portal's options lack (since removed) is still shown as it was asked.
    for (const [select, value] of /** @type {const} */ ([
      [from, asked.from],
      [to, asked.to],
    ])) {
      if (!(select instanceof HTMLSelectElement)) continue;
      if (![...select.options].some((o) => o.value === value)) select.append(h("option", { value }, value));
      select.value = value;
    }
    describe();
  }

  return { request, labelOf, loadStages, setRequest, showError, clearProblems };
}
