import type { Writable } from "node:stream";
import { NPM_START_FILE, type NpmStartRecord, readNpmStartFile } from "../sandbox-mode/npm-start-file.js";
import { CliError } from "./cli-error.js";

// The commands that talk to a portal (export, rescore, sandbox …) fall back on what `npm start`
// recorded in DATA_DIR/npm-start.json (src/sandbox-mode/npm-start-file.ts) when their flags and
// environment name nothing, and say so on stderr, so the README's quick start works as written.

export type FoundNpmStart = NpmStartRecord & { file: string };

export type FindNpmStartIo = {
  env: Record<string, string | undefined>;
  err: Pick<Writable, "write">;
  fetch?: typeof fetch;
};

/** DATA_DIR as the app reads it (src/config.ts): ./data by default, without a trailing slash. */
const dataDirOf = (env: Record<string, string | undefined>) =>
  (env.DATA_DIR || "./data").replace(/\/+$/, "") || ".";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * The running `npm start` recorded under DATA_DIR, or null when none is recorded. `use` is what the
 * command talks to, its sandbox portal or its app; a record whose process is gone or whose URL does
 * not answer is an error naming `instead`, what to pass to reach a portal without it.
 */
export async function findNpmStart(
  io: FindNpmStartIo,
  use: "sandbox" | "app",
  instead: string,
): Promise<FoundNpmStart | null> {
  const dataDir = dataDirOf(io.env);
  const record = readNpmStartFile(dataDir);
  if (record === null) return null;
  const file = `${dataDir}/${NPM_START_FILE}`;
  const stale = (why: string) =>
    new CliError([
      `${file} names the sandbox of an npm start that ${why}: start npm start again, or ${instead}`,
    ]);
  if (!isAlive(record.pid)) throw stale(`has stopped (process ${record.pid} is gone)`);
  const base = use === "sandbox" ? record.sandboxUrl : record.appUrl;
  const url = use === "sandbox" ? `${base}/__sandbox/clock` : `${base}/health`;
  try {
    // Any answer will do (503 while it starts): only silence means the record is stale.
    await (io.fetch ?? fetch)(url, { signal: AbortSignal.timeout(5_000) });
  } catch {
    throw stale(`does not answer at ${base}`);
  }
  io.err.write(`using the ${use} of npm start at ${base} (portal ${record.portalId}, from ${file})\n`);
  return { ...record, file };
}
