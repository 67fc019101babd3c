// The text a rescore or preview job shows while the page follows it (GET /jobs/:id), as the CLI's
// `lead-score rescore` tells it (docs/decisions.md §Background jobs): done of total, rate and time
// left, then what the last run did and when ("rescored 3,000 records at 14:02 UTC: 41 updated").

/** "3,000": counts with thousands separators, the same in every browser language. */
export const formatCount = (/** @type {number} */ n) => n.toLocaleString("en-US");

/**
 * "14:02 UTC" on the day of `nowMs`, "2026-12-05 14:02 UTC" on another day (the page's dates are UTC).
 * @param {number} atMs
 * @param {number} nowMs
 */
export function formatWhen(atMs, nowMs) {
  const iso = new Date(atMs).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(nowMs).toISOString().slice(0, 10);
  return `${sameDay ? iso.slice(11, 16) : iso.slice(0, 16).replace("T", " ")} UTC`;
}

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
 * A suggestion's result: the draft's id and its evidence (docs/scoring.md §Suggested scores).
 * @param {unknown} result
 * @returns {result is {scoreId: string, evidence: {metrics: {labelled: number}}}}
 */
const isSuggestResult = (result) =>
  typeof result === "object" && result !== null && "evidence" in result && "scoreId" in result;

/** "120 of 3,000 records", "5 records" while the total is unknown. */
const doneOf = (/** @type {import("./types.js").Job} */ job) =>
  `${formatCount(job.progress.done)}${job.progress.total === null ? "" : ` of ${formatCount(job.progress.total)}`} records`;

/**
 * "rescore running: 120 of 3,000 records (12.5/s, about 4 min left)"; once over, what the run did
 * and when: "rescored 3,000 records at 14:02 UTC: 41 updated", "rescore failed at 14:02 UTC after 120
 * of 3,000 records — the error".
 * @param {import("./types.js").Job} job
 * @param {number} [nowMs]
 */
export function describeJob(job, nowMs = Date.now()) {
  const at = formatWhen(job.updatedAtMs, nowMs);
  if (job.status === "done" && job.kind === "rescore" && isRescoreResult(job.result))
    return `rescored ${formatCount(job.result.evaluated)} records at ${at}: ${formatCount(job.result.updated)} updated`;
  // A suggestion reads every record's stages, then the labelled ones: its count of records is both.
  if (job.status === "done" && job.kind === "suggest" && isSuggestResult(job.result))
    return `suggested a draft at ${at} from ${formatCount(job.result.evidence.metrics.labelled)} labelled records`;
  if (job.status === "done") return `${job.kind} done at ${at}: ${doneOf(job)}`;
  if (job.status === "failed")
    return `${job.kind} failed at ${at} after ${doneOf(job)}${job.error ? ` — ${job.error}` : ""}`;
  return `${job.kind} ${job.status}: ${doneOf(job)}${pace(job)}${waiting(job)}`;
}
