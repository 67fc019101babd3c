import { describeJob } from "./describe-job.js";
import { h } from "./dom.js";

const POLL_MS = 700;
const finished = new Set(["done", "failed", "paused"]);

/**
 * Where the bar stands `elapsedMs` after the job was read: its count moved on at the job's measured
 * rate, never past its total nor back below what was already shown (`shown`). A job without a rate,
 * not running, or waiting out HubSpot stands still.
 * @param {import("./types.js").Job} job
 * @param {number} elapsedMs
 * @param {number} [shown]
 */
export function estimateDone(job, elapsedMs, shown = 0) {
  const { done, total, ratePerSec } = job.progress;
  const moving = job.status === "running" && !job.waiting && typeof ratePerSec === "number" && ratePerSec > 0;
  // Up to one poll's worth ahead at most: a stalled job is not shown far beyond what it did.
  const ahead = moving ? Math.min(ratePerSec * (elapsedMs / 1000), ratePerSec * (POLL_MS / 1000) * 2) : 0;
  const estimate = done + ahead;
  return Math.min(total ?? Number.POSITIVE_INFINITY, Math.max(shown, estimate));
}

/**
 * Follows a job (GET /jobs/:id) until it ends, updating its <progress> and text live; between two
 * reads the bar moves on smoothly at the job's rate (estimateDone).
 * @param {import("./types.js").PortalCall} call
 * @param {string} jobId
 * @param {HTMLElement} container
 * @param {(job: import("./types.js").Job) => void} [onEnd]
 * @param {string} [label] the bar's accessible name
 */
export async function watchJob(call, jobId, container, onEnd, label = "Rescore progress") {
  let progress = container.querySelector("progress");
  let text = container.querySelector(".job-text");
  if (!progress || !text) {
    progress = h("progress", { "aria-label": label });
    text = h("span", { class: "job-text", role: "status" });
    container.replaceChildren(h("div", { class: "job", dataset: { jobId } }, progress, text));
  }
  const bar = progress;
  /** @type {{job: import("./types.js").Job, readAtMs: number} | null} */
  let latest = null;
  let shown = 0;
  let frame = 0;
  const animate = () => {
    if (latest && latest.job.progress.total !== null) {
      shown = estimateDone(latest.job, performance.now() - latest.readAtMs, shown);
      bar.value = shown;
    }
    frame = requestAnimationFrame(animate);
  };
  frame = requestAnimationFrame(animate);
  try {
    for (;;) {
      const job = /** @type {import("./types.js").Job} */ (await call("GET", `/jobs/${jobId}`));
      latest = { job, readAtMs: performance.now() };
      if (job.progress.total !== null) {
        bar.max = job.progress.total;
        // A job that went back (a resume recounted) is shown as it is.
        if (job.progress.done < shown && job.status !== "running") shown = job.progress.done;
        bar.value = Math.max(shown, job.progress.done);
      } else if (job.status === "done") {
        bar.max = 1;
        bar.value = 1;
      }
      text.textContent = describeJob(job);
      container.dataset.status = job.status;
      // The bar stands still while the job waits for HubSpot; the text says why and until when.
      if (job.waiting) container.dataset.waiting = "true";
      else delete container.dataset.waiting;
      if (finished.has(job.status)) {
        if (job.status === "done" && job.progress.total !== null) bar.value = job.progress.total;
        onEnd?.(job);
        return job;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    cancelAnimationFrame(frame);
  }
}
