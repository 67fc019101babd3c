import { portalApi } from "./api.js";
import { $, fill, h } from "./dom.js";
import { watchJob } from "./job-progress.js";
import { createSuggestForm } from "./suggest-form.js";
import { parseSuggestQuery, suggestQuery } from "./suggest-query.js";
import { noSignalAdvice, tooFewLabelsAdvice } from "./suggest-sentences.js";
import { droppedFeatures, evidenceCharts, evidenceSummary, rulesTable } from "./suggestion-evidence.js";

// "Suggest a score" (docs/scoring.md §Suggested scores): the form starts a suggest job
// (POST /scores/suggest), the page follows it with the jobs' progress bar, then shows its evidence and
// a link to the draft in the builder; a refusal (too few labels) says the counts found and what to try.

const main = $("main");
const portalId = main.dataset.portalId ?? "";
const call = portalApi(portalId);
const form = /** @type {HTMLFormElement} */ ($("#suggest-form"));
const submit = /** @type {HTMLButtonElement} */ ($("#suggest-submit"));
const section = $("#suggest-progress");
const progress = $("#suggest-job");
const result = $("#suggest-result");
const suggest = createSuggestForm(form, call);

/**
 * What the ended job found: the evidence and the way to the draft, or why there is none.
 * @param {import("./types.js").Job} job
 * @param {import("./types.js").SuggestRequest} request
 */
function showOutcome(job, request) {
  if (job.status === "done") {
    const { scoreId, evidence } = /** @type {import("./types.js").SuggestJobResult} */ (job.result);
    const href = `/admin/portals/${portalId}/scores/${encodeURIComponent(scoreId)}`;
    fill(
      result,
      h("div", { class: "evidence" }, evidenceSummary(evidence, request, suggest.labelOf)),
      h("p", {}, h("a", { class: "button primary", href }, "Open the draft in the builder")),
      h("div", { class: "evidence-charts" }, evidenceCharts(evidence)),
      h("h3", {}, "The rules and what they are based on"),
      rulesTable(evidence, request.object),
      droppedFeatures(evidence, request.object),
    );
    return;
  }
  if (job.status === "paused") {
    fill(
      result,
      h(
        "p",
        { class: "notice" },
        "The suggestion is paused: the portal is disconnected. It goes on once the app is installed again.",
      ),
    );
    return;
  }
  // The outcome below says why in full: the bar, which would say it again, goes.
  progress.replaceChildren();
  // The suggestion refuses when too few records were labelled (too_few_labels), and when nothing it
  // weighed tells converters apart (no_signal); its message says which, with the counts.
  const advice =
    job.errorCode === "too_few_labels"
      ? tooFewLabelsAdvice(request, suggest.labelOf)
      : job.errorCode === "no_signal"
        ? noSignalAdvice(request)
        : null;
  fill(
    result,
    h(
      "div",
      { class: advice ? "notice no-draft" : "error" },
      h(
        "p",
        {},
        advice
          ? `No draft from these records: ${job.error ?? ""}`
          : `The suggestion failed: ${job.error ?? job.status}`,
      ),
      advice && h("p", {}, advice),
    ),
  );
}

/**
 * Follows a suggest job with the progress bar to its end, then shows what it found.
 * @param {string} jobId
 * @param {import("./types.js").SuggestRequest} request
 */
async function follow(jobId, request) {
  section.hidden = false;
  result.replaceChildren();
  progress.replaceChildren();
  section.scrollIntoView({ block: "start" });
  showOutcome(await watchJob(call, jobId, progress, undefined, "Suggestion progress"), request);
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  suggest.clearProblems();
  const request = suggest.request();
  submit.disabled = true;
  try {
    const { job } = /** @type {{job: import("./types.js").Job}} */ (
      await call("POST", "/scores/suggest", request)
    );
    // A reload, or the way back from the draft, follows this job again.
    history.replaceState(null, "", suggestQuery(job.id, request));
    await follow(job.id, request);
  } catch (error) {
    suggest.showError(error);
  } finally {
    submit.disabled = false;
  }
});

const asked = parseSuggestQuery(location.search);
if (asked)
  suggest
    .setRequest(asked.request)
    .then(() => follow(asked.jobId, asked.request))
    .catch((error) => suggest.showError(error));
else suggest.loadStages();
