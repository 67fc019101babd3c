import { portalApi } from "./api.js";
import { watchJob } from "./job-progress.js";
import { showParked } from "./parked-events.js";

// The portal overview: every rescore in progress, followed live, and the parked webhook events.
const call = portalApi(document.querySelector("main")?.dataset.portalId);
for (const job of document.querySelectorAll(".job[data-job-id]")) {
  watchJob(call, job.dataset.jobId, job.parentElement).catch((error) => {
    job.querySelector(".job-text").textContent = `progress unavailable: ${error.message}`;
  });
}
const parked = document.querySelector("#parked");
if (parked) showParked(call, parked);
