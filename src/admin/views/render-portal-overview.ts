import type { Job } from "../../ports/job-store.js";
import type { ScoreRevision } from "../../ports/score-store.js";
import { formatInstant } from "./format-instant.js";
import { html } from "./html.js";
import { renderAdminLayout } from "./render-admin-layout.js";
import { renderJobProgress, renderLastRun } from "./render-job-progress.js";

export type PortalOverview = {
  session: { name: string; csrfToken: string };
  portal: {
    portalId: number;
    status: string;
    disconnectReason?: string;
    scopes: string[];
    installedAt: string;
  };
  scores: ScoreRevision[];
  /** The portal's unfinished jobs: rescores after enable/update, whole-portal previews. */
  jobs: Job[];
  /** Each score's last finished rescore, shown when none runs. */
  lastRuns?: Job[];
  /** Just created by this request: shown once, for the inviter to send. */
  invite?: { email: string; url: string; expiresAtMs: number };
};

function renderScoreRow(score: ScoreRevision, portalId: number, jobs: Job[], lastRuns: Job[]) {
  const d = score.definition;
  const job = jobs.find((j) => j.scoreId === d.id);
  const lastRun = lastRuns.find((j) => j.scoreId === d.id);
  return html`<tr>
            <th scope="row"><a href="/admin/portals/${portalId}/scores/${encodeURIComponent(d.id)}">${d.name}</a></th>
            <td>${d.object}</td>
            <td>${d.type}</td>
            <td><span class="badge ${d.status}">${d.status}</span></td>
            <td><code>${d.property.name}</code></td>
            <td>${score.change} · ${score.savedBy} · ${formatInstant(score.savedAtMs)}</td>
            <td>${job ? renderJobProgress(portalId, job) : lastRun ? renderLastRun(lastRun) : "—"}</td>
          </tr>`;
}

/** /admin/portals/:portalId: installation status, its scores, running jobs, and invites. */
export function renderPortalOverview(page: PortalOverview): string {
  const { portal, session } = page;
  const p = portal.portalId;
  const main = html`<nav aria-label="Breadcrumb"><a href="/admin">Portals</a> › Portal ${p}</nav>
      <h1>Portal ${p}</h1>
      <section aria-labelledby="install-h">
        <h2 id="install-h">Installation</h2>
        <dl class="facts">
          <dt>Status</dt><dd><span class="badge ${portal.status}">${portal.status}</span>
            ${portal.disconnectReason && html` — ${portal.disconnectReason}: reinstall the app to resume`}</dd>
          <dt>Installed</dt><dd>${formatInstant(Date.parse(portal.installedAt))}</dd>
          <dt>Granted scopes</dt><dd>${portal.scopes.map((s) => html`<code>${s}</code> `)}</dd>
        </dl>
      </section>
      <section aria-labelledby="scores-h">
        <h2 id="scores-h">Scores</h2>
        <p class="buttons"><a class="button primary" href="/admin/portals/${p}/scores/new">New score</a>
          <a class="button" href="/admin/portals/${p}/suggest">Suggest a score</a>
          <span class="hint">from the portal's own conversions, with the evidence for every rule</span></p>
        ${
          page.scores.length === 0
            ? html`<p>No score yet.</p>`
            : html`<table class="scores">
          <thead><tr><th scope="col">Name</th><th scope="col">Object</th><th scope="col">Type</th>
            <th scope="col">Status</th><th scope="col">Property</th><th scope="col">Last change</th>
            <th scope="col">Rescore</th></tr></thead>
          <tbody>
          ${page.scores.map((s) => renderScoreRow(s, p, page.jobs, page.lastRuns ?? []))}
          </tbody>
        </table>`
        }
      </section>
      <section aria-labelledby="parked-h">
        <h2 id="parked-h">Parked events</h2>
        <div id="parked" aria-live="polite"><p>Loading parked events…</p></div>
        <noscript><p>Parked events: <a href="/api/portals/${p}/parked">/api/portals/${p}/parked</a>.</p></noscript>
      </section>
      <section aria-labelledby="invite-h">
        <h2 id="invite-h">Invite a colleague</h2>
        ${
          page.invite &&
          html`<div class="notice" role="status">
          <p>Send this link to <strong>${page.invite.email}</strong>. It works once, until
            ${formatInstant(page.invite.expiresAtMs)}, and signs in to portal ${p} only.</p>
          <label for="invite-url">Invite link</label>
          <input id="invite-url" class="wide" readonly value="${page.invite.url}">
        </div>`
        }
        <form method="post" action="/admin/portals/${p}/invites" class="inline">
          <input type="hidden" name="_csrf" value="${session.csrfToken}">
          <label for="invite-email">Colleague's email</label>
          <input id="invite-email" name="email" type="email" required autocomplete="off">
          <button type="submit">Create invite link</button>
        </form>
      </section>`;
  return renderAdminLayout({
    title: `Portal ${p}`,
    main,
    session,
    scripts: ["overview.js"],
    data: { "portal-id": String(p) },
  });
}
