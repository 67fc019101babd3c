import type { Writable } from "node:stream";
import type { Command } from "commander";
import type { Job } from "../ports/job-store.js";
import {
  type AdminApiClient,
  AppUnreachableError,
  createAdminApiClient,
  resolveAdminApi,
} from "./admin-api-client.js";
import { CliError } from "./cli-error.js";
import { parsePortalId } from "./parse-portal-id.js";
import { showJobProgress } from "./show-job-progress.js";

// `lead-score rescore --portal ID --score ID` (docs/decisions.md §Background jobs): asks the running app to
// rescore every record of an enabled score and follows the job. The app does the work, not this process, so
// the portal's HubSpot budget stays one shared budget and webhook work keeps flowing beside it.

export type RescoreCommandIo = {
  /** The summary. */
  out: Writable;
  /** Progress: a bar when it is a terminal, lines otherwise. */
  err: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** Between two polls of the job; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

type RescoreOptions = { portal?: number; score: string; url?: string; token?: string };

const POLL_MS = 1_000;
// An app restarting mid-job resumes it from its last page; keep following for about a minute.
const UNREACHABLE_POLLS = 60;
const finished = new Set(["done", "failed", "paused"]);

const defaultIo = (): RescoreCommandIo => ({ out: process.stdout, err: process.stderr, env: process.env });
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function follow(api: AdminApiClient, first: Job, io: RescoreCommandIo): Promise<Job> {
  const sleep = io.sleep ?? realSleep;
  const display = showJobProgress(io.err);
  let job = first;
  let misses = 0;
  try {
    display.update(job);
    while (!finished.has(job.status)) {
      await sleep(POLL_MS);
      try {
        job = await api.call<Job>("GET", `/portals/${job.portalId}/jobs/${job.id}`);
        misses = 0;
      } catch (error) {
        if (!(error instanceof AppUnreachableError) || ++misses >= UNREACHABLE_POLLS) throw error;
        continue;
      }
      display.update(job);
    }
  } finally {
    display.stop();
  }
  return job;
}

/** What the job ended with, as the summary line, or the error to exit 1 with. */
function outcome(job: Job, options: RescoreOptions & { portal: number }, seconds: number): string {
  const result = (job.result ?? {}) as { evaluated?: number; updated?: number; skipped?: unknown };
  if (job.status === "failed") throw new CliError([`rescore failed: ${job.error ?? "unknown error"}`]);
  if (job.status === "paused")
    throw new CliError([
      `rescore paused: ${job.error ?? "the portal is disconnected"} (it resumes from its last page once the app is reinstalled)`,
    ]);
  // The score was disabled or deleted while the job waited (rescore-job.ts): nothing was written.
  if (typeof result.skipped === "string") throw new CliError([`rescore skipped: ${result.skipped}`]);
  const skipped = Array.isArray(result.skipped) && result.skipped.length > 0;
  return [
    `rescored ${result.evaluated ?? job.progress.done} records of score "${options.score}" on portal ${options.portal}:`,
    ` ${result.updated ?? 0} updated`,
    skipped ? `, ${(result.skipped as unknown[]).length} skipped` : "",
    ` in ${seconds.toFixed(1)} s`,
  ].join("");
}

export function registerRescoreCommand(program: Command, io: RescoreCommandIo = defaultIo()): Command {
  return program
    .command("rescore")
    .description(
      "rescore every record of an enabled score in the running app and show its progress (Ctrl-C stops watching, not the job)",
    )
    .option(
      "--portal <id>",
      "HubSpot account (portal) id (default: the portal of a running npm start)",
      parsePortalId,
    )
    .requiredOption("--score <id>", "the score's id")
    .option(
      "--url <url>",
      "the running app (default: LEAD_SCORE_URL, else the app npm start runs, else http://localhost:3000)",
    )
    .option(
      "--token <token>",
      "the app's ADMIN_TOKEN (default: ADMIN_TOKEN; a flag shows in ps, prefer the variable)",
    )
    .action(async (options: RescoreOptions) => {
      const now = io.now ?? Date.now;
      const { url, token, portalId } = await resolveAdminApi(options, {
        env: io.env,
        err: io.err,
        ...(io.fetch ? { fetch: io.fetch } : {}),
      });
      const api = createAdminApiClient(url, token, io.fetch);
      const startedAtMs = now();
      const { job, started } = await api.call<{ job: Job; started: boolean }>(
        "POST",
        `/portals/${portalId}/scores/${encodeURIComponent(options.score)}/rescore`,
      );
      if (!started)
        io.err.write(`a rescore of "${options.score}" is already under way (job ${job.id}): following it\n`);
      const last = await follow(api, job, io);
      io.out.write(`${outcome(last, { ...options, portal: portalId }, (now() - startedAtMs) / 1000)}\n`);
    });
}
