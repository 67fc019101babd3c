import { callJson } from "./api.js";
import { warningLines } from "./builder-sources.js";
import { $ } from "./dom.js";
import { clearProblems, showMessage } from "./field-errors.js";
import { watchJob } from "./job-progress.js";

// Save, enable, disable and delete (docs/scoring.md §Lifecycle). Updating an enabled score rescores every
// record, so the save button says so and the page follows the rescore it started.

/** @typedef {import("./types.js").Job} Job */
/** @typedef {import("./types.js").ScoreRevision} ScoreRevision */

const enc = encodeURIComponent;

/**
 * Which buttons apply: the lifecycle ones by status; delete and the record panels once saved.
 * @param {{scoreId: string | null, status: string}} state
 */
export function updateButtons({ scoreId, status }) {
  const saved = scoreId !== null;
  $("#save").textContent = status === "enabled" ? "Update (rescores every record)" : "Save draft";
  $("#enable").hidden = status === "enabled";
  $("#disable").hidden = status !== "enabled";
  $("#delete").hidden = !saved;
  const deleteProperties = $("#delete-properties").parentElement;
  if (deleteProperties) deleteProperties.hidden = !saved;
  for (const id of ["#test-form", "#preview-form", "#history-form"]) {
    for (const b of document.querySelectorAll(`${id} button`))
      if (b instanceof HTMLButtonElement) b.disabled = !saved;
  }
}

/**
 * loaded(revision) shows a revision the API answered; report(error) shows a failure.
 * @param {{
 *   editor: import("./builder-editor.js").DefinitionEditor,
 *   call: import("./types.js").PortalCall,
 *   portalId: string,
 *   main: HTMLElement,
 *   form: HTMLElement,
 *   messages: HTMLElement,
 *   loaded: (revision: ScoreRevision, options?: {keepEdits?: boolean}) => void,
 *   report: (error: unknown) => void,
 * }} parts
 */
export function attachLifecycleButtons({ editor, call, portalId, main, form, messages, loaded, report }) {
  /** @param {Job | null} [job] the rescore the API said it started, when it said */
  async function followRescore(job) {
    const found =
      job ??
      /** @type {{jobs: Job[]}} */ (await callJson("GET", `/admin/portals/${portalId}/jobs.json`)).jobs.find(
        (j) => j.scoreId === editor.scoreId,
      );
    if (!found) return showMessage($("#job-progress"), "Every record is being re-evaluated.", "ok");
    await watchJob(call, found.id, $("#job-progress"));
  }

  /**
   * Shows the revision an action answered with. Unsaved edits stay in the form: those typed while the
   * action was asked for, and for an action that does not send the form (disable), any.
   * @param {ScoreRevision} revision
   * @param {string} asked the definition as JSON when the action was asked for
   * @param {boolean} sentForm whether the action saved the form as it was asked
   */
  function landed(revision, asked, sentForm) {
    const keepEdits = editor.toJson() !== asked || (!sentForm && editor.dirty);
    loaded(revision, { keepEdits });
    return keepEdits ? " What you typed since is not saved yet." : "";
  }

  async function save() {
    clearProblems(form, messages);
    const asked = editor.toJson();
    const body = editor.toSend();
    const revision = /** @type {ScoreRevision} */ (
      editor.scoreId
        ? await call("PUT", `/scores/${enc(editor.scoreId)}`, body)
        : await call("POST", "/scores", body)
    );
    if (!editor.scoreId) {
      editor.scoreId = revision.definition.id;
      main.dataset.scoreId = editor.scoreId;
      history.replaceState(null, "", `/admin/portals/${portalId}/scores/${enc(editor.scoreId)}`);
    }
    const unsaved = landed(revision, asked, true);
    const saved = [`Saved revision ${revision.revision}.${unsaved}`, ...warningLines(revision)];
    showMessage(messages, saved.join(" "), "ok");
    if (editor.status === "enabled") await followRescore();
  }

  // One request at a time: the buttons stay disabled until it is answered.
  /** @type {(fn: () => Promise<void>) => (event?: Event) => Promise<void>} */
  const action = (fn) => async (event) => {
    event?.preventDefault();
    const buttons = [...document.querySelectorAll("#lifecycle button, #delete")].filter(
      (b) => b instanceof HTMLButtonElement,
    );
    for (const b of buttons) b.disabled = true;
    try {
      await fn();
    } catch (error) {
      report(error);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };

  $("#save").addEventListener("click", action(save));
  $("#enable").addEventListener(
    "click",
    action(async () => {
      if (editor.dirty || !editor.scoreId) await save();
      const asked = editor.toJson();
      const answer = /** @type {{revision: ScoreRevision, job: Job | null}} */ (
        await call("POST", `/scores/${enc(String(editor.scoreId))}/enable`)
      );
      const { revision, job } = answer;
      const unsaved = landed(revision, asked, false);
      const enabled = [`Enabled: every record is being scored.${unsaved}`, ...warningLines(answer)];
      showMessage(messages, enabled.join(" "), "ok");
      await followRescore(job);
    }),
  );
  $("#disable").addEventListener(
    "click",
    action(async () => {
      const asked = editor.toJson();
      const { revision } = /** @type {{revision: ScoreRevision}} */ (
        await call("POST", `/scores/${enc(String(editor.scoreId))}/disable`)
      );
      const unsaved = landed(revision, asked, false);
      showMessage(messages, `Disabled: values stay as they are and are no longer updated.${unsaved}`, "ok");
    }),
  );
  $("#delete").addEventListener(
    "click",
    action(async () => {
      const withProperties = /** @type {HTMLInputElement} */ ($("#delete-properties")).checked;
      const what = withProperties
        ? "this score and its properties in HubSpot"
        : "this score (its properties stay)";
      if (!window.confirm(`Delete ${what}?`)) return;
      await call("DELETE", `/scores/${enc(String(editor.scoreId))}?deleteProperties=${withProperties}`);
      window.location.assign(`/admin/portals/${portalId}`);
    }),
  );
}
