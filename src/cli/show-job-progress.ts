import { Presets, SingleBar } from "cli-progress";

/** A job as GET /jobs/:jobId answers it: the parts progress is drawn from. */
export type JobProgressView = {
  status: string;
  progress: { done: number; total: number | null; ratePerSec?: number | null; etaSec?: number | null };
  /** Set while the job waits out HubSpot (rate limit, outage) before resuming. */
  waiting?: { untilMs: number; reason: string };
};

export type JobProgressDisplay = { update(job: JobProgressView): void; stop(): void };

/** "45 s", "12 min", "2 h 5 min": an ETA needs no more precision than that. */
export function renderDuration(sec: number): string {
  if (sec < 60) return `${Math.round(sec)} s`;
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

/** "1200/5000 records (24%)" and "300/s, about 13 s left" (empty once the job has ended). */
export function renderJobProgress(job: JobProgressView): { counts: string; pace: string } {
  const { done, total, ratePerSec, etaSec } = job.progress;
  const counts =
    total === null || total === 0
      ? `${done} records`
      : `${done}/${total} records (${Math.min(100, Math.floor((done / total) * 100))}%)`;
  if (job.status !== "running") return { counts, pace: "" };
  if (job.waiting) {
    const until = new Date(job.waiting.untilMs).toISOString().slice(11, 19);
    return { counts, pace: `waiting for HubSpot until ${until} UTC (${job.waiting.reason})` };
  }
  if (typeof ratePerSec !== "number") return { counts, pace: "measuring" };
  const eta =
    typeof etaSec !== "number" ? "" : etaSec === 0 ? ", finishing" : `, about ${renderDuration(etaSec)} left`;
  return { counts, pace: `${ratePerSec}/s${eta}` };
}

/**
 * A progress bar on `stream` when it is a terminal; otherwise one line each time the job moves,
 * which a log file or CI output can keep (docs/decisions.md §Progress only on terminals).
 */
export function showJobProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }): JobProgressDisplay {
  if (!stream.isTTY) {
    let last = "";
    return {
      update(job) {
        const { counts, pace } = renderJobProgress(job);
        const line = `rescore ${job.status}: ${counts}${pace ? `, ${pace}` : ""}`;
        if (line !== last) stream.write(`${line}\n`);
        last = line;
      },
      stop() {},
    };
  }
  const bar = new SingleBar(
    {
      stream,
      hideCursor: true,
      // An unknown total draws an empty bar beside the count, not a full one.
      emptyOnZero: true,
      format: "rescore [{bar}] {counts} | {pace}",
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(job) {
      const { done, total } = job.progress;
      const { counts, pace } = renderJobProgress(job);
      const payload = { counts, pace: pace || job.status };
      if (!started) bar.start(total ?? 0, 0, payload);
      started = true;
      bar.setTotal(total ?? 0);
      bar.update(total === null ? 0 : Math.min(done, total), payload);
    },
    stop: () => bar.stop(),
  };
}
