import { html, type SafeHtml } from "./html.js";

export type AdminLayout = {
  title: string;
  main: SafeHtml;
  /** Present when signed in: the header shows who, and a sign-out form. */
  session?: { name: string; csrfToken: string };
  /** Module scripts under /admin/assets/. */
  scripts?: string[];
  /** data-* attributes of <main> that the scripts read (portal id, score id). */
  data?: Record<string, string>;
};

/**
 * Every admin page's frame. The CSRF token is the only secret on a page: scripts echo it in
 * X-CSRF-Token; the session id itself stays in an HttpOnly cookie.
 */
export function renderAdminLayout(page: AdminLayout): string {
  const data = Object.entries(page.data ?? {}).map(([k, v]) => html` data-${k}="${v}"`);
  const session = page.session;
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    ${session && html`<meta name="csrf-token" content="${session.csrfToken}">`}
    <title>${page.title} · lead-score</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/admin/assets/admin.css">
    ${(page.scripts ?? []).map((s) => html`<script type="module" src="/admin/assets/${s}"></script>`)}
  </head>
  <body>
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <a class="brand" href="/admin">lead-score</a>
      ${
        session &&
        html`<form method="post" action="/admin/sign-out" class="who">
        <span>Signed in as <strong>${session.name}</strong></span>
        <input type="hidden" name="_csrf" value="${session.csrfToken}">
        <button type="submit">Sign out</button>
      </form>`
      }
    </header>
    <main id="main"${data}>
${page.main}
    </main>
  </body>
</html>
`.value;
}
