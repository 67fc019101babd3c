import type { Installation } from "../../ports/installation-store.js";
import { html } from "./html.js";
import { renderAdminLayout } from "./render-admin-layout.js";

/** /admin: the installed portals this session may see. */
export function renderPortalList(
  session: { name: string; csrfToken: string },
  portals: Pick<Installation, "portalId" | "status">[],
): string {
  const main = html`<h1>Portals</h1>
      ${
        portals.length === 0
          ? html`<p>No portal you may see has installed lead-score yet.</p>`
          : html`<ul class="portals">
        ${portals.map(
          (p) => html`<li><a href="/admin/portals/${p.portalId}">Portal ${p.portalId}</a>
          <span class="badge ${p.status}">${p.status}</span></li>`,
        )}
      </ul>`
      }`;
  return renderAdminLayout({ title: "Portals", main, session });
}
