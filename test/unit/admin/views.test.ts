import { describe, expect, it } from "vitest";
import { formatInstant } from "../../../src/admin/views/format-instant.js";
import { html } from "../../../src/admin/views/html.js";
import { renderBuilderPage } from "../../../src/admin/views/render-builder-page.js";
import { renderPortalOverview } from "../../../src/admin/views/render-portal-overview.js";
import { renderAdminMessage, renderSignInPage } from "../../../src/admin/views/render-sign-in-page.js";
import { renderSuggestPage } from "../../../src/admin/views/render-suggest-page.js";
import type { Job } from "../../../src/ports/job-store.js";
import type { ScoreRevision } from "../../../src/ports/score-store.js";
import { parseDefinition } from "../../../src/scoring/index.js";

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const evil = `<script>alert("x")</script>`;
const session = { name: `ann+${evil}@example.com`, csrfToken: "csrf-123" };

const revision = (name: string): ScoreRevision => ({
  revision: 2,
  definition: parseDefinition({
    id: "lead",
    name,
    object: "contacts",
    type: "engagement",
    property: { name: "ls_lead" },
    groups: [{ name: "Meetings", kind: "engagement", rules: [{ event: "meeting", points: 10 }] }],
  }),
  savedAtMs: T0,
  savedBy: "admin-token",
  change: "update",
});
const job: Job = {
  id: "5b1f6f2e-6c1a-4a54-9d9e-0f6a4c1a2b3c",
  portalId: 62515,
  kind: "rescore",
  scoreId: "lead",
  status: "running",
  progress: { done: 40, total: 100 },
  cursor: null,
  createdAtMs: T0,
  updatedAtMs: T0,
};
const portal = {
  portalId: 62515,
  status: "connected",
  scopes: ["oauth", "crm.objects.contacts.read"],
  installedAt: new Date(T0).toISOString(),
};

describe("html templates", () => {
  it("escapes every interpolated value unless it is html itself", () => {
    expect(
      html`<p title="${`"'&`}">${evil}${html`<b>ok</b>`}${[1, "<i>"]}${false}${undefined}</p>`.value,
    ).toBe(
      `<p title="&quot;&#39;&amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<b>ok</b>1&lt;i&gt;</p>`,
    );
  });
});

describe("portal overview", () => {
  it("renders scores, installation and live progress (snapshot)", () => {
    expect(
      renderPortalOverview({ session, portal, scores: [revision("Lead score")], jobs: [job] }),
    ).toMatchSnapshot();
  });

  it("shows a job waiting for HubSpot with until when and why, escaped, instead of a bar that seems stuck", () => {
    const waiting = {
      ...job,
      waiting: { untilMs: T0 + 90_000, reason: `HubSpot's rate limit (429) ${evil}` },
    };
    const page = renderPortalOverview({ session, portal, scores: [revision("Lead score")], jobs: [waiting] });
    expect(page).toContain('data-waiting="true"');
    expect(page).toContain(
      `rescore running: 40 of 100 records — waiting for HubSpot until ${formatInstant(T0 + 90_000)}: HubSpot&#39;s rate limit (429)`,
    );
    expect(page).not.toContain("<script>alert");
  });

  it("shows a score's last run when none runs: how many records, when, how many updated, or why it failed", () => {
    const done: Job = {
      ...job,
      status: "done",
      progress: { done: 3000, total: 3000 },
      updatedAtMs: T0,
      result: { evaluated: 3000, updated: 41 },
    };
    const page = renderPortalOverview({
      session,
      portal,
      scores: [revision("Lead score")],
      jobs: [],
      lastRuns: [done],
    });
    expect(page).toContain(`rescored 3,000 records at ${formatInstant(T0)}: 41 updated`);
    const failed: Job = { ...job, status: "failed", error: `portal 62515 is disconnected ${evil}` };
    const failedPage = renderPortalOverview({
      session,
      portal,
      scores: [revision("Lead score")],
      jobs: [],
      lastRuns: [failed],
    });
    expect(failedPage).toContain(
      `rescore failed at ${formatInstant(T0)} after 40 of 100 records — portal 62515`,
    );
    expect(failedPage).not.toContain("<script>alert");
    const running = renderPortalOverview({
      session,
      portal,
      scores: [revision("Lead score")],
      jobs: [job],
      lastRuns: [done],
    });
    expect(running).not.toContain("rescored 3,000");
  });

  it("escapes a <script> in a score name, the signed-in name and an invite", () => {
    const page = renderPortalOverview({
      session,
      portal: { ...portal, disconnectReason: evil, status: "disconnected" },
      scores: [revision(evil)],
      jobs: [],
      invite: { email: evil, url: `https://x.example/?token=a"b`, expiresAtMs: T0 },
    });
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain('value="https://x.example/?token=a&quot;b"');
    expect(page).toContain('<meta name="csrf-token" content="csrf-123">');
  });
});

describe("builder page", () => {
  it("escapes the score name in the title and heading and passes ids as data attributes", () => {
    const page = renderBuilderPage({ session, portalId: 62515, score: revision(evil) });
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("<title>&lt;script&gt;");
    expect(page).toContain('data-portal-id="62515" data-score-id="lead"');
    expect(page).toContain('<script type="module" src="/admin/assets/builder.js"></script>');
  });

  it("offers a new score without a score id", () => {
    expect(renderBuilderPage({ session, portalId: 9 })).toContain('data-score-id=""');
  });

  it("keeps a hidden place above the form for a suggested score's evidence, none for another", () => {
    const panel = '<section id="suggestion" class="suggestion-panel" aria-labelledby="suggestion-h" hidden>';
    const score = revision("Lead");
    expect(renderBuilderPage({ session, portalId: 9, score, suggested: true })).toContain(panel);
    expect(renderBuilderPage({ session, portalId: 9, score })).not.toContain(panel);
    expect(renderBuilderPage({ session, portalId: 9 })).not.toContain(panel);
  });

  it("finds the record to test with a labelled search box, a spoken match count and a list of matches", () => {
    const page = renderBuilderPage({ session, portalId: 9 });
    expect(page).toContain(
      '<form id="test-form" class="inline" role="search" aria-label="Find a record to test">',
    );
    expect(page).toContain('<label for="test-query">Email, name or record id</label>');
    expect(page).toMatch(/<input id="test-query" type="search" required[^>]*aria-controls="test-matches">/);
    expect(page).toContain('<p id="test-found" class="hint" role="status"></p>');
    expect(page).toContain('<ul id="test-matches" class="matches" aria-label="Matching records"></ul>');
  });
});

describe("suggest page", () => {
  it("renders the form with a field per request key, the sentence and the job's place (snapshot)", () => {
    expect(renderSuggestPage({ session, portalId: 62515 })).toMatchSnapshot();
  });

  it("labels every control, escapes the signed-in name and loads its script", () => {
    const page = renderSuggestPage({ session, portalId: 62515 });
    expect(page).not.toContain("<script>alert");
    for (const [key, id, label] of [
      ["object", "suggest-object", "Object"],
      ["type", "suggest-type", "Type"],
      ["from", "suggest-from", "From stage"],
      ["to", "suggest-to", "To stage"],
      ["withinDays", "suggest-within", "Within days"],
    ])
      expect(page).toContain(`<div class="field" data-path="${key}"><label for="${id}">${label}</label>`);
    expect(page).toContain('<input id="suggest-within" name="withinDays" type="number" min="1" max="365"');
    expect(page).toContain('<script type="module" src="/admin/assets/suggest.js"></script>');
  });

  it("is reached from the overview's scores", () => {
    const page = renderPortalOverview({ session, portal, scores: [], jobs: [] });
    expect(page).toContain('<a class="button" href="/admin/portals/62515/suggest">Suggest a score</a>');
  });
});

describe("sign-in pages", () => {
  it("offers only the configured ways in, and shows no token", () => {
    const tokenOnly = renderSignInPage({ signInNonce: "n1", adminTokenEnabled: true });
    expect(tokenOnly).toContain('name="_sign_in" value="n1"');
    expect(tokenOnly).toContain('type="password"');
    expect(tokenOnly).not.toContain("/admin/oauth/start");
    const hubspotOnly = renderSignInPage({
      signInNonce: "n1",
      adminTokenEnabled: false,
      hubspotStartUrl: "https://ls.example.com/admin/oauth/start",
    });
    expect(hubspotOnly).toContain('href="https://ls.example.com/admin/oauth/start"');
    expect(hubspotOnly).not.toContain('type="password"');
    expect(hubspotOnly).not.toContain("lead-score admin-link");
    expect(hubspotOnly).not.toContain("Your session expired");
  });

  it("says an ended session expired, and offers every way back in", () => {
    const page = renderSignInPage({
      signInNonce: "n1",
      adminTokenEnabled: true,
      hubspotStartUrl: "https://ls.example.com/admin/oauth/start",
      expired: true,
    });
    expect(page).toContain("Your session expired — sign in again.");
    expect(page).toContain("Sign in with HubSpot");
    expect(page).toContain('type="password"');
    expect(page).toContain("npx lead-score admin-link");
    expect(page).toMatchSnapshot();
  });

  it("escapes messages", () => {
    const page = renderAdminMessage(evil, evil, { href: `javascript:"x"`, text: evil });
    expect(page).not.toContain("<script>alert");
    expect(page).toContain('href="javascript:&quot;x&quot;"');
  });
});
