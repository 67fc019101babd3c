import { h } from "./dom.js";

const POLL_MS = 700;
const finished = new Set(["done", "failed", "paused"]);

function describe(job) {
  const { done, total } = job.progress;
  const of = total === null ? "" : ` of ${total}`;
  const result =
    job.result?.evaluated === undefined
      ? ""
      : ` — ${job.result.evaluated} evaluated, ${job.result.updated} updated`;
  const error = job.error ? ` — ${job.error}` : "";
  return `${job.kind} ${job.status}: ${done}${of} records${result}${error}`;
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
    if (finished.has(job.status)) {
      onEnd?.(job);
      return job;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
