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
 *   loaded: (revision: ScoreRevision) => void,
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

  async function save() {
    clearProblems(form, messages);
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
    loaded(revision);
    showMessage(
      messages,
      [`Saved revision ${revision.revision}.`, ...warningLines(revision)].join(" "),
      "ok",
    );
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
      const answer = /** @type {{revision: ScoreRevision, job: Job | null}} */ (
        await call("POST", `/scores/${enc(String(editor.scoreId))}/enable`)
      );
      loaded(answer.revision);
      const enabled = ["Enabled: every record is being scored.", ...warningLines(answer)];
      showMessage(messages, enabled.join(" "), "ok");
      const { job } = answer;
      await followRescore(job);
    }),
  );
  $("#disable").addEventListener(
    "click",
    action(async () => {
      const { revision } = /** @type {{revision: ScoreRevision}} */ (
        await call("POST", `/scores/${enc(String(editor.scoreId))}/disable`)
      );
      loaded(revision);
      showMessage(messages, "Disabled: values stay as they are and are no longer updated.", "ok");
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
