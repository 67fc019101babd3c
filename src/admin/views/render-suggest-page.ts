import { html } from "./html.js";
import { renderAdminLayout } from "./render-admin-layout.js";

export type SuggestPage = {
  session: { name: string; csrfToken: string };
  portalId: number;
};

/**
 * "Suggest a score" (docs/scoring.md §Suggested scores): the form, then the job's progress and the
 * evidence, drawn by suggest.js, which also fills the stages (the portal's own, lifecycle-stages.js). Each field carries its request key (data-path) so the API's problems
 * land beside it.
 */
export function renderSuggestPage(page: SuggestPage): string {
  const p = page.portalId;
  const main = html`<nav aria-label="Breadcrumb"><a href="/admin">Portals</a> ›
        <a href="/admin/portals/${p}">Portal ${p}</a> › Suggest a score</nav>
      <h1>Suggest a score</h1>
      <noscript><p class="error">This page needs JavaScript; POST /api/portals/${p}/scores/suggest works without it.</p></noscript>
      <p class="hint">lead-score learns from the portal's own conversions and drafts a score you can read,
        edit, test and enable: every rule comes with the records it is based on.</p>
      <form id="suggest-form" class="suggest-form" novalidate aria-describedby="suggest-sentence">
        <div class="row">
          <div class="field" data-path="object"><label for="suggest-object">Object</label>
            <select id="suggest-object" name="object"><option value="contacts" selected>Contacts</option><option value="companies">Companies</option></select></div>
          <div class="field" data-path="type"><label for="suggest-type">Type</label>
            <select id="suggest-type" name="type"><option value="engagement" selected>Engagement (activity)</option><option value="fit">Fit (properties)</option></select></div>
        </div>
        <div class="row">
          <div class="field" data-path="from"><label for="suggest-from">From stage</label>
            <select id="suggest-from" name="from"></select></div>
          <div class="field" data-path="to"><label for="suggest-to">To stage</label>
            <select id="suggest-to" name="to"></select></div>
          <div class="field" data-path="withinDays"><label for="suggest-within">Within days</label>
            <input id="suggest-within" name="withinDays" type="number" min="1" max="365" step="1" value="30" required></div>
        </div>
        <p id="suggest-stages" class="hint" role="status"></p>
        <p id="suggest-sentence" class="notice"></p>
        <div class="buttons"><button type="submit" class="primary" id="suggest-submit">Suggest a score</button></div>
        <div id="suggest-messages" role="alert" aria-live="assertive"></div>
      </form>
      <section aria-labelledby="suggest-job-h" id="suggest-progress" hidden>
        <h2 id="suggest-job-h">Suggestion</h2>
        <div id="suggest-job" role="status" aria-live="polite"></div>
        <div id="suggest-result" aria-live="polite"></div>
      </section>`;
  return renderAdminLayout({
    title: "Suggest a score",
    main,
    session: page.session,
    scripts: ["suggest.js"],
    data: { "portal-id": String(p) },
  });
}
