import { execFile } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { findFreePort } from "./find-free-port.js";
import { requireExecutable } from "./require-executable.js";

const run = promisify(execFile);
const SUPERUSER = "lead_score";

export type PostgresServer = {
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the cluster and removes its folder. */
  dispose(): Promise<void>;
};

/** The uid and gid of the `postgres` account the Debian package creates. */
async function postgresAccount(): Promise<{ uid: number; gid: number }> {
  try {
    const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error("user postgres not found (the postgresql package creates it): run .ci/run as root");
  }
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on a free loopback port, with trust auth.
 * initdb and postgres refuse to run as root, so as root (CI) they run as the `postgres` account.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const initdb = requireExecutable("initdb");
  const pgCtl = requireExecutable("pg_ctl");
  const dir = mkdtempSync(join(tmpdir(), "ls-pg-"));
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await postgresAccount();
    chownSync(dir, uid, gid);
  }
  const runAsOwner = (file: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", file, ...args]) : run(file, args);

  const port = await findFreePort();
  // Durability is not under test here and the cluster is deleted afterwards: skip the fsyncs.
  await runAsOwner(initdb, [
    "-D",
    data,
    "-U",
    SUPERUSER,
    "--auth=trust",
    "--no-sync",
    "--locale=C",
    "-E",
    "UTF8",
  ]);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await runAsOwner(pgCtl, [
    "-D",
    data,
    "-l",
    join(dir, "server.log"),
    "-o",
    serverOptions,
    "-w",
    "start",
  ]).catch((error: Error) => {
    throw new Error(
      `pg_ctl start on port ${port} failed (log: ${join(dir, "server.log")}): ${error.message}`,
    );
  });

  const base = `postgres://${SUPERUSER}@127.0.0.1:${port}`;
  let databases = 0;
  return {
    async createDatabase() {
      databases += 1;
      const name = `store_${databases}`;
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    async dispose() {
      await runAsOwner(pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
