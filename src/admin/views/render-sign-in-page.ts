import { html } from "./html.js";
import { renderAdminLayout } from "./render-admin-layout.js";

export type SignInPage = {
  /** Value of the sign-in double-submit cookie, echoed by the forms (login CSRF). */
  signInNonce: string;
  adminTokenEnabled: boolean;
  /**
   * Where "Sign in with HubSpot" starts, on PUBLIC_BASE_URL: HubSpot sends the browser back there, so the
   * flow's cookie must be set on that host too. Absent: no HubSpot sign-in.
   */
  hubspotStartUrl?: string;
  /** PUBLIC_BASE_URL, for the `lead-score admin-link --url` hint. */
  appUrl?: string;
  /** The browser named a session that has ended (or is unknown): say so above the ways back in. */
  expired?: boolean;
  error?: string;
};

/**
 * The ways in (docs/decisions.md §Admin sign-in): HubSpot OAuth, ADMIN_TOKEN, and one-time links (an invite,
 * `lead-score admin-link`, the sandbox's link printed at start), which arrive by URL.
 */
export function renderSignInPage(page: SignInPage): string {
  const main = html`<h1>Sign in</h1>
      ${
        page.expired &&
        html`<p class="notice" role="status" data-testid="session-expired">Your session expired — sign in again.</p>`
      }
      ${page.error && html`<p class="error" role="alert">${page.error}</p>`}
      ${
        page.hubspotStartUrl !== undefined &&
        html`<section>
        <h2>HubSpot</h2>
        <p>For HubSpot users allowed to install apps in an account where lead-score is installed.</p>
        <p><a class="button primary" href="${page.hubspotStartUrl}">Sign in with HubSpot</a></p>
      </section>`
      }
      ${
        page.adminTokenEnabled &&
        html`<section>
        <h2>Admin token</h2>
        <form method="post" action="/admin/sign-in" class="stack">
          <input type="hidden" name="_sign_in" value="${page.signInNonce}">
          <label for="admin-token">ADMIN_TOKEN of this installation</label>
          <input id="admin-token" name="token" type="password" autocomplete="current-password" required>
          <button type="submit" class="primary">Sign in</button>
        </form>
      </section>`
      }
      <section>
        <h2>A one-time link</h2>
        ${
          page.adminTokenEnabled &&
          html`<p>Where lead-score runs, print a new link with <code>ADMIN_TOKEN=… npx lead-score admin-link --url ${page.appUrl ?? "<this app's address>"}</code>; it works once, within an hour.</p>`
        }
        <p>Invited? Open the link a colleague sent you. In sandbox mode, the link printed when <code>npm start</code> started works once, within 24 hours.</p>
      </section>`;
  return renderAdminLayout({ title: "Sign in", main });
}

/** A one-time link asks for a click first: mail scanners that fetch links would otherwise use it up. */
export function renderSignInLinkPage(input: { token: string; signInNonce: string }): string {
  const main = html`<h1>Sign in with this link</h1>
      <p>This link works once. Continue to sign in on this browser.</p>
      <form method="post" action="/admin/sign-in/link">
        <input type="hidden" name="token" value="${input.token}">
        <input type="hidden" name="_sign_in" value="${input.signInNonce}">
        <button type="submit" class="primary">Continue</button>
      </form>`;
  return renderAdminLayout({ title: "Sign in", main });
}

export function renderAdminMessage(title: string, message: string, link = { href: "/admin", text: "Back" }) {
  const main = html`<h1>${title}</h1>
      <p role="alert">${message}</p>
      <p><a href="${link.href}">${link.text}</a></p>`;
  return renderAdminLayout({ title, main });
}
