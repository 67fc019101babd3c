import type { ScoreRevision } from "../../ports/score-store.js";
import { html } from "./html.js";
import { renderAdminLayout } from "./render-admin-layout.js";

export type BuilderPage = {
  session: { name: string; csrfToken: string };
  portalId: number;
  /** Absent for a new score. */
  score?: ScoreRevision;
  /** The score was suggested: the page shows the suggestion's evidence (builder-suggestion.js). */
  suggested?: boolean;
};

/**
 * The score builder's frame. The form itself is built by builder.js from the definition it loads from
 * the admin API (a nested, growing form needs scripts anyway); it writes text with textContent and
 * value, never innerHTML, so values stay escaped there too.
 */
export function renderBuilderPage(page: BuilderPage): string {
  const p = page.portalId;
  const d = page.score?.definition;
  const title = d ? d.name : "New score";
  const main = html`<nav aria-label="Breadcrumb"><a href="/admin">Portals</a> ›
        <a href="/admin/portals/${p}">Portal ${p}</a> › <span id="crumb">${title}</span></nav>
      <h1 id="score-title">${title} ${d && html`<span class="badge ${d.status}" id="score-status">${d.status}</span>`}</h1>
      <noscript><p class="error">The builder needs JavaScript; the admin API (/api/openapi.json) works without it.</p></noscript>
      <div id="messages" role="alert" aria-live="assertive"></div>
      ${page.suggested && html`<section id="suggestion" class="suggestion-panel" aria-labelledby="suggestion-h" hidden></section>`}
      <div class="builder">
        <form id="builder-form" novalidate aria-label="Score definition"></form>
        <aside class="side">
          <section aria-labelledby="life-h">
            <h2 id="life-h">Lifecycle</h2>
            <div class="buttons" id="lifecycle">
              <button type="button" id="save" class="primary">Save draft</button>
              <button type="button" id="enable">Enable</button>
              <button type="button" id="disable">Disable</button>
            </div>
            <div class="buttons">
              <label><input type="checkbox" id="delete-properties"> also delete its properties in HubSpot</label>
              <button type="button" id="delete" class="danger">Delete score</button>
            </div>
            <div id="job-progress" role="status" aria-live="polite"></div>
          </section>
          <section aria-labelledby="test-h">
            <h2 id="test-h">Test a record</h2>
            <form id="test-form" class="inline" role="search" aria-label="Find a record to test">
              <label for="test-query">Email, name or record id</label>
              <input id="test-query" type="search" required maxlength="200" autocomplete="off"
                aria-describedby="test-found" aria-controls="test-matches">
              <button type="submit">Find</button>
            </form>
            <p id="test-found" class="hint" role="status"></p>
            <ul id="test-matches" class="matches" aria-label="Matching records"></ul>
            <div id="test-result" aria-live="polite"></div>
          </section>
          <section aria-labelledby="preview-h">
            <h2 id="preview-h">Preview distribution</h2>
            <form id="preview-form" class="inline">
              <label for="preview-sample">Sample size</label>
              <input id="preview-sample" type="number" min="1" max="10000" value="1000">
              <button type="submit">Preview</button>
            </form>
            <div id="preview-result" aria-live="polite"></div>
          </section>
          <section aria-labelledby="history-h">
            <h2 id="history-h">History of a record</h2>
            <form id="history-form" class="inline">
              <label for="history-record-id">Record id</label>
              <input id="history-record-id" inputmode="numeric" pattern="[0-9]+" required>
              <button type="submit">Show history</button>
            </form>
            <div id="history-result" aria-live="polite"></div>
          </section>
          <section aria-labelledby="performance-h">
            <h2 id="performance-h">Score performance</h2>
            <form id="performance-form" class="inline">
              <label for="performance-stage">Reaches</label>
              <select id="performance-stage" data-object="${d?.object ?? "contacts"}"></select>
              <label for="performance-within">within days</label>
              <input id="performance-within" type="number" min="1" max="365" value="30">
              <label for="performance-days">over the last days</label>
              <input id="performance-days" type="number" min="1" max="365" value="90">
              <button type="submit">Show performance</button>
            </form>
            <div id="performance-result" aria-live="polite"></div>
          </section>
          <section aria-labelledby="json-h">
            <details id="json-details">
              <summary><h2 id="json-h">JSON</h2></summary>
              <label for="json-view">The definition as JSON (the format of the API and the CLI)</label>
              <textarea id="json-view" class="code" rows="16" spellcheck="false"></textarea>
              <div class="buttons">
                <button type="button" id="json-apply">Apply JSON to the form</button>
                <button type="button" id="json-export">Export file</button>
                <label for="json-import">Import file</label>
                <input type="file" id="json-import" accept="application/json,.json">
              </div>
            </details>
          </section>
          <section aria-labelledby="rev-h">
            <h2 id="rev-h">Revisions</h2>
            <div id="revisions"><p>Saved revisions appear here.</p></div>
          </section>
        </aside>
      </div>`;
  return renderAdminLayout({
    title,
    main,
    session: page.session,
    scripts: ["builder.js"],
    data: { "portal-id": String(p), "score-id": d?.id ?? "" },
  });
}
