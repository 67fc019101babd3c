import { describeJob } from "./describe-job.js";
import { h } from "./dom.js";

const POLL_MS = 700;
const finished = new Set(["done", "failed", "paused"]);

/**
 * Follows a job (GET /jobs/:id) until it ends, updating its <progress> and text live.
 * @param {import("./types.js").PortalCall} call
 * @param {string} jobId
 * @param {HTMLElement} container
 * @param {(job: import("./types.js").Job) => void} [onEnd]
 */
export async function watchJob(call, jobId, container, onEnd) {
  let progress = container.querySelector("progress");
  let text = container.querySelector(".job-text");
  if (!progress || !text) {
    progress = h("progress", { "aria-label": "Rescore progress" });
    text = h("span", { class: "job-text", role: "status" });
    container.replaceChildren(h("div", { class: "job", dataset: { jobId } }, progress, text));
  }
  for (;;) {
    const job = /** @type {import("./types.js").Job} */ (await call("GET", `/jobs/${jobId}`));
    if (job.progress.total !== null) {
      progress.max = job.progress.total;
      progress.value = job.progress.done;
    } else if (job.status === "done") {
      progress.max = 1;
      progress.value = 1;
    }
    text.textContent = describeJob(job);
    container.dataset.status = job.status;
    // The bar stands still while the job waits for HubSpot; the text says why and until when.
    if (job.waiting) container.dataset.waiting = "true";
    else delete container.dataset.waiting;
    if (finished.has(job.status)) {
      onEnd?.(job);
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
