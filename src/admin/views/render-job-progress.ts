import type { Job } from "../../ports/job-store.js";
import { formatInstant } from "./format-instant.js";
import { html } from "./html.js";

/** "3,000", as the page's script writes counts (describe-job.js). */
const count = (n: number) => n.toLocaleString("en-US");

/** A job's progress as first rendered; overview.js then polls GET /jobs/:id and updates it live. */
export function renderJobProgress(portalId: number, job: Job) {
  const { done, total } = job.progress;
  // A job waiting out HubSpot (job-wait.ts) says so, rather than leaving a bar that seems stuck.
  const waiting = job.waiting
    ? ` — waiting for HubSpot until ${formatInstant(job.waiting.untilMs)}: ${job.waiting.reason}`
    : "";
  const label = `${job.kind} ${job.status}: ${count(done)}${total === null ? "" : ` of ${count(total)}`} records${waiting}`;
  return html`<div class="job" data-job-id="${job.id}" data-portal-id="${portalId}"${job.waiting && html` data-waiting="true"`}>
              ${
                total === null
                  ? html`<progress aria-label="${job.kind} progress"></progress>`
                  : html`<progress max="${total}" value="${done}" aria-label="${job.kind} progress"></progress>`
              }
              <span class="job-text" role="status">${label}</span>
            </div>`;
}

const isRescoreResult = (result: unknown): result is { evaluated: number; updated: number } =>
  typeof result === "object" &&
  result !== null &&
  typeof (result as { evaluated?: unknown }).evaluated === "number";

/**
 * A score's last run, as the page's script says it once a job ends (describe-job.js): "rescored 3,000
 * records at 2026-12-06 14:02 UTC: 41 updated", or when and after how many records it failed.
 */
export function renderLastRun(job: Job) {
  const at = formatInstant(job.updatedAtMs);
  const { done, total } = job.progress;
  const text =
    job.status === "done" && isRescoreResult(job.result)
      ? `rescored ${count(job.result.evaluated)} records at ${at}: ${count(job.result.updated)} updated`
      : job.status === "failed"
        ? `${job.kind} failed at ${at} after ${count(done)}${total === null ? "" : ` of ${count(total)}`} records${job.error ? ` — ${job.error}` : ""}`
        : `${job.kind} done at ${at}`;
  return html`<span class="job-last" data-status="${job.status}">${text}</span>`;
}
