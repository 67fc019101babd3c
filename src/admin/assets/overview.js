import { portalApi } from "./api.js";
import { watchJob } from "./job-progress.js";
import { showParked } from "./parked-events.js";

// The portal overview: every rescore in progress, followed live, and the parked webhook events.
const call = portalApi(document.querySelector("main")?.dataset.portalId);
for (const job of document.querySelectorAll(".job[data-job-id]")) {
  if (!(job instanceof HTMLElement) || !job.dataset.jobId || !job.parentElement) continue;
  watchJob(call, job.dataset.jobId, job.parentElement).catch((error) => {
    const text = job.querySelector(".job-text");
    if (text) text.textContent = `progress unavailable: ${error instanceof Error ? error.message : error}`;
  });
}
const parked = document.querySelector("#parked");
if (parked instanceof HTMLElement) showParked(call, parked);
