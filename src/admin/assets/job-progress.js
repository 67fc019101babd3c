import { h } from "./dom.js";

const POLL_MS = 700;
const finished = new Set(["done", "failed", "paused"]);

/** "45 s", "12 min", "2 h 5 min": an ETA needs no more precision than that. */
function duration(sec) {
  if (sec < 60) return `${sec} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

/** " (12.5/s, about 3 min left)" while a job runs; jobs saved before rates existed have none. */
function pace(job) {
  const { ratePerSec, etaSec } = job.progress;
  if (job.status !== "running" || job.waiting || typeof ratePerSec !== "number") return "";
  if (typeof etaSec !== "number") return ` (${ratePerSec}/s)`;
  return ` (${ratePerSec}/s, ${etaSec === 0 ? "finishing" : `about ${duration(etaSec)} left`})`;
}

/** " — waiting for HubSpot until 14:05:10: HubSpot's rate limit (429)" while a job waits out HubSpot. */
function waiting(job) {
  if (!job.waiting) return "";
  const until = new Date(job.waiting.untilMs).toLocaleTimeString();
  return ` — waiting for HubSpot until ${until}: ${job.waiting.reason}`;
}

function describe(job) {
  const { done, total } = job.progress;
  const of = total === null ? "" : ` of ${total}`;
  const result =
    job.result?.evaluated === undefined
      ? ""
      : ` — ${job.result.evaluated} evaluated, ${job.result.updated} updated`;
  const error = job.error ? ` — ${job.error}` : "";
  return `${job.kind} ${job.status}: ${done}${of} records${pace(job)}${waiting(job)}${result}${error}`;
}

/** Follows a job (GET /jobs/:id) until it ends, updating its <progress> and text live. */
export async function watchJob(call, jobId, container, onEnd) {
  let progress = container.querySelector("progress");
  let text = container.querySelector(".job-text");
  if (!progress || !text) {
    progress = h("progress", { "aria-label": "Rescore progress" });
    text = h("span", { class: "job-text", role: "status" });
    container.replaceChildren(h("div", { class: "job", dataset: { jobId } }, progress, text));
  }
  for (;;) {
    const job = await call("GET", `/jobs/${jobId}`);
    if (job.progress.total !== null) {
      progress.max = job.progress.total;
      progress.value = job.progress.done;
    } else if (job.status === "done") {
      progress.max = 1;
      progress.value = 1;
    }
    text.textContent = describe(job);
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
