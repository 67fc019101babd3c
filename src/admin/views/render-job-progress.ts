import type { Job } from "../../ports/job-store.js";
import { formatInstant } from "./format-instant.js";
import { html } from "./html.js";

/** A job's progress as first rendered; overview.js then polls GET /jobs/:id and updates it live. */
export function renderJobProgress(portalId: number, job: Job) {
  const { done, total } = job.progress;
  // A job waiting out HubSpot (job-wait.ts) says so, rather than leaving a bar that seems stuck.
  const waiting = job.waiting
    ? ` — waiting for HubSpot until ${formatInstant(job.waiting.untilMs)}: ${job.waiting.reason}`
    : "";
  const label = `${job.kind} ${job.status}: ${done}${total === null ? "" : ` of ${total}`} records${waiting}`;
  return html`<div class="job" data-job-id="${job.id}" data-portal-id="${portalId}"${job.waiting && html` data-waiting="true"`}>
              ${
                total === null
                  ? html`<progress aria-label="${job.kind} progress"></progress>`
                  : html`<progress max="${total}" value="${done}" aria-label="${job.kind} progress"></progress>`
              }
              <span class="job-text" role="status">${label}</span>
            </div>`;
}
