import { ApiError, callJson, portalApi } from "./api.js";
import { renderDefinitionForm } from "./builder-form.js";
import { newGroup } from "./builder-groups.js";
import { h } from "./dom.js";
import { clearProblems, showMessage, showProblems } from "./field-errors.js";
import { renderHistory } from "./history-panel.js";
import { watchJob } from "./job-progress.js";
import { renderPreview } from "./preview-panel.js";
import { attachRecordFinder } from "./record-finder.js";
import { renderRevisions } from "./revisions-panel.js";
import { renderTestResult } from "./test-panel.js";

// The score builder (issue 8): the form and the JSON view edit one definition object; the lifecycle
// buttons, test, preview, history and revisions call the admin API with it.

const $ = (selector) => document.querySelector(selector);
const main = $("main");
const portalId = main.dataset.portalId;
const call = portalApi(portalId);
const form = $("#builder-form");
const messages = $("#messages");
const jsonView = $("#json-view");
const enc = encodeURIComponent;

let scoreId = main.dataset.scoreId || null;
let status = "draft";
let dirty = false;
let definition = {
  id: "",
  name: "",
  object: "contacts",
  type: "engagement",
  limits: { max: 100 },
  records: { mode: "all", exclude: [] },
  property: { name: "" },
  groups: [newGroup("engagement")],
};

/** What is sent and shown as JSON: without the status (lifecycle buttons own it) and empty where lists. */
function toSend() {
  const d = structuredClone(definition);
  delete d.status;
  for (const group of d.groups ?? []) {
    for (const rule of group.rules ?? []) if (rule.where?.length === 0) delete rule.where;
  }
  if (d.association?.where?.length === 0) delete d.association.where;
  return d;
}

function syncJson() {
  if (document.activeElement !== jsonView) jsonView.value = JSON.stringify(toSend(), null, 2);
}

function focusKey(key) {
  if (!key) return;
  const el = form.querySelector(`[data-focus="${CSS.escape(key)}"], [data-path="${CSS.escape(key)}"]`);
  const control = el?.matches("input, select, textarea, button")
    ? el
    : el?.querySelector("input, select, textarea, button");
  control?.focus();
}

const activeKey = () => {
  const el = document.activeElement;
  if (!el || !form.contains(el)) return undefined;
  return el.closest("[data-focus]")?.dataset.focus ?? el.closest("[data-path]")?.dataset.path;
};

function render(key) {
  form.replaceChildren(...renderDefinitionForm(definition, ctx).flat().filter(Boolean));
  focusKey(key);
  syncJson();
  updateButtons();
}

const ctx = {
  get isSaved() {
    return scoreId !== null;
  },
  changed() {
    dirty = true;
    syncJson();
  },
  // Without a key, after the current event: a change fired by leaving a field must not pull focus back.
  rerender(key) {
    dirty = true;
    if (key) render(key);
    else setTimeout(() => render(activeKey()), 0);
  },
};

function updateButtons() {
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

function loaded(revision) {
  definition = structuredClone(revision.definition);
  status = definition.status ?? "draft";
  delete definition.status;
  dirty = false;
  const badge = h("span", { class: `badge ${status}`, id: "score-status" }, status);
  $("#score-title").replaceChildren(definition.name, " ", badge);
  $("#crumb").textContent = definition.name;
  document.title = `${definition.name} · lead-score`;
  render();
  showRevisions();
}

function report(error, where = messages) {
  if (error instanceof ApiError && error.problems.length > 0) showProblems(form, messages, error.problems);
  else showMessage(where, error.message);
}

const showRevisions = () =>
  scoreId &&
  renderRevisions($("#revisions"), {
    call,
    scoreId,
    current: toSend,
    restored: (revision) => {
      loaded(revision);
      showMessage(messages, `Restored as revision ${revision.revision}.`, "ok");
    },
  }).catch((error) => showMessage($("#revisions"), error.message));

async function followRescore(job) {
  const found =
    job ??
    (await callJson("GET", `/admin/portals/${portalId}/jobs.json`)).jobs.find((j) => j.scoreId === scoreId);
  if (!found) return showMessage($("#job-progress"), "Every record is being re-evaluated.", "ok");
  await watchJob(call, found.id, $("#job-progress"));
}

async function save() {
  clearProblems(form, messages);
  const body = toSend();
  const revision = scoreId
    ? await call("PUT", `/scores/${enc(scoreId)}`, body)
    : await call("POST", "/scores", body);
  if (!scoreId) {
    scoreId = revision.definition.id;
    main.dataset.scoreId = scoreId;
    history.replaceState(null, "", `/admin/portals/${portalId}/scores/${enc(scoreId)}`);
  }
  loaded(revision);
  showMessage(messages, `Saved revision ${revision.revision}.`, "ok");
  if (status === "enabled") await followRescore();
}

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
    if (dirty || !scoreId) await save();
    const { revision, job } = await call("POST", `/scores/${enc(scoreId)}/enable`);
    loaded(revision);
    showMessage(messages, "Enabled: every record is being scored.", "ok");
    await followRescore(job);
  }),
);
$("#disable").addEventListener(
  "click",
  action(async () => {
    loaded((await call("POST", `/scores/${enc(scoreId)}/disable`)).revision);
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
    await call("DELETE", `/scores/${enc(scoreId)}?deleteProperties=${withProperties}`);
    window.location.assign(`/admin/portals/${portalId}`);
  }),
);

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
  find: async (query) => (await call("GET", `/records/${definition.object}/search?q=${enc(query)}`)).records,
  test: (recordId) =>
    runIn($("#test-result"), async (out) => {
      const body = { recordId, definition: toSend() };
      renderTestResult(out, await call("POST", `/scores/${enc(scoreId)}/test`, body), definition);
    }),
  onError: (error) => report(error, $("#test-result")),
});
panel("#preview-form", "#preview-result", async (out) => {
  const body = { definition: toSend(), sample: Number($("#preview-sample").value) || 1000 };
  renderPreview(out, await call("POST", `/scores/${enc(scoreId)}/preview`, body), definition);
});
panel("#history-form", "#history-result", async (out) => {
  const id = enc($("#history-record-id").value.trim());
  const { history } = await call("GET", `/records/${definition.object}/${id}/history`);
  renderHistory(out, history, definition.property.name);
});

function importJson(text) {
  try {
    const parsed = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || !Array.isArray(parsed.groups))
      throw new Error("expected a score definition with groups");
    definition = { ...parsed, ...(scoreId ? { id: scoreId } : {}) };
    delete definition.status;
    dirty = true;
    render();
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
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(toSend(), null, 2)], { type: "application/json" }),
  );
  const link = h("a", { href: url, download: `${definition.id || "score"}.json` });
  link.click();
  URL.revokeObjectURL(url);
});

if (scoreId) {
  call("GET", `/scores/${enc(scoreId)}`).then(loaded, report);
} else render("name");
