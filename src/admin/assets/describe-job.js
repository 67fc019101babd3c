// The text a rescore or preview job shows while the page follows it (GET /jobs/:id), as the CLI's
// `lead-score rescore` tells it (docs/decisions.md §Background jobs): done of total, rate and time
// left, then the result.

/**
 * "45 s", "12 min", "2 h 5 min": an ETA needs no more precision than that.
 * @param {number} sec
 */
export function formatDuration(sec) {
  if (sec < 60) return `${sec} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

/**
 * " (12.5/s, about 3 min left)" while a job runs; jobs saved before rates existed have none.
 * @param {import("./types.js").Job} job
 */
function pace(job) {
  const { ratePerSec, etaSec } = job.progress;
  if (job.status !== "running" || job.waiting || typeof ratePerSec !== "number") return "";
  if (typeof etaSec !== "number") return ` (${ratePerSec}/s)`;
  return ` (${ratePerSec}/s, ${etaSec === 0 ? "finishing" : `about ${formatDuration(etaSec)} left`})`;
}

/**
 * " — waiting for HubSpot until 14:05:10: HubSpot's rate limit (429)" while a job waits out HubSpot.
 * @param {import("./types.js").Job} job
 */
function waiting(job) {
  if (!job.waiting) return "";
  const until = new Date(job.waiting.untilMs).toLocaleTimeString();
  return ` — waiting for HubSpot until ${until}: ${job.waiting.reason}`;
}

/**
 * A rescore's result: how many records it evaluated and how many values changed.
 * @param {unknown} result
 * @returns {result is {evaluated: number, updated: number}}
 */
const isRescoreResult = (result) =>
  typeof result === "object" && result !== null && "evaluated" in result && result.evaluated !== undefined;

/**
 * "rescore running: 120 of 3000 records (12.5/s, about 4 min left)", then the result or the error.
 * @param {import("./types.js").Job} job
 */
export function describeJob(job) {
  const { done, total } = job.progress;
  const of = total === null ? "" : ` of ${total}`;
  const result = isRescoreResult(job.result)
    ? ` — ${job.result.evaluated} evaluated, ${job.result.updated} updated`
    : "";
  const error = job.error ? ` — ${job.error}` : "";
  return `${job.kind} ${job.status}: ${done}${of} records${pace(job)}${waiting(job)}${result}${error}`;
}
