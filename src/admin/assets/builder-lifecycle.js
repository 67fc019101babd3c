import { callJson } from "./api.js";
import { $ } from "./dom.js";
import { clearProblems, showMessage } from "./field-errors.js";
import { watchJob } from "./job-progress.js";

// Save, enable, disable and delete (docs/scoring.md §Lifecycle). Updating an enabled score rescores every
// record, so the save button says so and the page follows the rescore it started.

const enc = encodeURIComponent;

/** Which buttons apply: the lifecycle ones by status; delete and the record panels once saved. */
export function updateButtons({ scoreId, status }) {
  const saved = scoreId !== null;
  $("#save").textContent = status === "enabled" ? "Update (rescores every record)" : "Save draft";
  $("#enable").hidden = status === "enabled";
  $("#disable").hidden = status !== "enabled";
  $("#delete").hidden = !saved;
  $("#delete-properties").parentElement.hidden = !saved;
  for (const id of ["#test-form", "#preview-form", "#history-form"]) {
    for (const b of document.querySelectorAll(`${id} button`)) b.disabled = !saved;
  }
}

/** loaded(revision) shows a revision the API answered; report(error) shows a failure. */
export function attachLifecycleButtons({ editor, call, portalId, main, form, messages, loaded, report }) {
  async function followRescore(job) {
    const found =
      job ??
      (await callJson("GET", `/admin/portals/${portalId}/jobs.json`)).jobs.find(
        (j) => j.scoreId === editor.scoreId,
      );
    if (!found) return showMessage($("#job-progress"), "Every record is being re-evaluated.", "ok");
    await watchJob(call, found.id, $("#job-progress"));
  }

  async function save() {
    clearProblems(form, messages);
    const body = editor.toSend();
    const revision = editor.scoreId
      ? await call("PUT", `/scores/${enc(editor.scoreId)}`, body)
      : await call("POST", "/scores", body);
    if (!editor.scoreId) {
      editor.scoreId = revision.definition.id;
      main.dataset.scoreId = editor.scoreId;
      history.replaceState(null, "", `/admin/portals/${portalId}/scores/${enc(editor.scoreId)}`);
    }
    loaded(revision);
    showMessage(messages, `Saved revision ${revision.revision}.`, "ok");
    if (editor.status === "enabled") await followRescore();
  }

  // One request at a time: the buttons stay disabled until it is answered.
  const action = (fn) => async (event) => {
    event?.preventDefault();
    const buttons = [...document.querySelectorAll("#lifecycle button, #delete")];
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
      const { revision, job } = await call("POST", `/scores/${enc(editor.scoreId)}/enable`);
      loaded(revision);
      showMessage(messages, "Enabled: every record is being scored.", "ok");
      await followRescore(job);
    }),
  );
  $("#disable").addEventListener(
    "click",
    action(async () => {
      loaded((await call("POST", `/scores/${enc(editor.scoreId)}/disable`)).revision);
      showMessage(messages, "Disabled: values stay as they are and are no longer updated.", "ok");
    }),
  );
  $("#delete").addEventListener(
    "click",
    action(async () => {
      const withProperties = $("#delete-properties").checked;
      const what = withProperties
        ? "this score and its properties in HubSpot"
        : "this score (its properties stay)";
      if (!window.confirm(`Delete ${what}?`)) return;
      await call("DELETE", `/scores/${enc(editor.scoreId)}?deleteProperties=${withProperties}`);
      window.location.assign(`/admin/portals/${portalId}`);
    }),
  );
}
