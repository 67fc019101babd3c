import { ApiError, portalApi } from "./api.js";
import { createDefinitionEditor } from "./builder-editor.js";
import { attachJsonControls } from "./builder-json.js";
import { attachLifecycleButtons, updateButtons } from "./builder-lifecycle.js";
import { attachRecordPanels } from "./builder-record-panels.js";
import { setSourceStatuses } from "./builder-sources.js";
import { showSuggestion } from "./builder-suggestion.js";
import { $, h } from "./dom.js";
import { showMessage, showProblems } from "./field-errors.js";
import { renderRevisions } from "./revisions-panel.js";

// The score builder (docs/decisions.md §One definition object): the form and the JSON view edit one
// definition object; the lifecycle buttons, test, preview, history and revisions call the admin API with it.
// This file joins the parts and loads the score (render-builder-page.ts gives the ids in <main data-*>).

const main = $("main");
const portalId = main.dataset.portalId ?? "";
const call = portalApi(portalId);
const form = $("#builder-form");
const messages = $("#messages");
const jsonView = /** @type {HTMLTextAreaElement} */ ($("#json-view"));

const editor = createDefinitionEditor({
  form,
  jsonView,
  scoreId: main.dataset.scoreId || null,
  onRender: () => updateButtons(editor),
  call,
});

/**
 * Problems with a path go beside their fields; any other failure is a message in `where`.
 * @param {unknown} error
 */
function report(error, where = messages) {
  if (error instanceof ApiError && error.problems.length > 0)
    showProblems(form, messages, error.problems, { reveal: editor.reveal });
  else showMessage(where, error instanceof Error ? error.message : String(error));
}

/**
 * @param {import("./types.js").ScoreRevision} revision
 * @param {{keepEdits?: boolean}} [options] keep what was typed since the request (builder-editor.js)
 */
function loaded(revision, options) {
  editor.load(revision, options);
  const name = editor.definition.name ?? "";
  const badge = h("span", { class: `badge ${editor.status}`, id: "score-status" }, editor.status);
  $("#score-title").replaceChildren(name, " ", badge);
  $("#crumb").textContent = name;
  document.title = `${name} · lead-score`;
  showRevisions();
}

const showRevisions = () =>
  editor.scoreId &&
  renderRevisions($("#revisions"), {
    call,
    scoreId: editor.scoreId,
    current: editor.toSend,
    restored: (/** @type {import("./types.js").ScoreRevision} */ revision) => {
      loaded(revision);
      showMessage(messages, `Restored as revision ${revision.revision}.`, "ok");
    },
  }).catch((error) => showMessage($("#revisions"), error.message));

attachLifecycleButtons({ editor, call, portalId, main, form, messages, loaded, report });
attachRecordPanels({ editor, call, portalId, report });
attachJsonControls({ editor, jsonView, messages });

// Which event types the portal cannot supply: their rules are marked once this is known.
call("GET", "/sources").then(
  (rows) => {
    setSourceStatuses(/** @type {import("./types.js").SourceStatusRow[]} */ (rows));
    editor.render();
  },
  (error) => showMessage(messages, `The sources status could not be read: ${error.message}`),
);

const scoreId = editor.scoreId;
if (scoreId)
  call("GET", `/scores/${encodeURIComponent(scoreId)}`).then((revision) => {
    loaded(/** @type {import("./types.js").ScoreRevision} */ (revision));
    // A suggested draft (the page has a place for its evidence): the evidence, once the form holds
    // the definition it compares with.
    const panel = document.querySelector("#suggestion");
    if (!(panel instanceof HTMLElement)) return;
    return showSuggestion({ call, editor, scoreId, panel }).catch((error) =>
      showMessage(messages, `The suggestion's evidence could not be read: ${error.message}`),
    );
  }, report);
else editor.render("name");
