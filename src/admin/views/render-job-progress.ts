import type { Job } from "../../ports/job-store.js";
import { html } from "./html.js";

/** A job's progress as first rendered; overview.js then polls GET /jobs/:id and updates it live. */
export function renderJobProgress(portalId: number, job: Job) {
  const { done, total } = job.progress;
  const label = `${job.kind} ${job.status}: ${done}${total === null ? "" : ` of ${total}`} records`;
  return html`<div class="job" data-job-id="${job.id}" data-portal-id="${portalId}">
              ${
                total === null
                  ? html`<progress aria-label="${job.kind} progress"></progress>`
                  : html`<progress max="${total}" value="${done}" aria-label="${job.kind} progress"></progress>`
              }
              <span class="job-text" role="status">${label}</span>
            </div>`;
}
