import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { errorCode, StartupError } from "./startup-error.js";

// Checked before anything is opened, so a DATA_DIR the app cannot use or a SQLite file that is not
// one is reported as one line naming the file and the setting (README §Configuration), rather than
// as a driver's stack trace from whichever store happened to open it first.

const SQLITE_HEADER = "SQLite format 3\0";

const reason = (error: unknown) =>
  errorCode(error) ?? (error instanceof Error ? error.message : String(error));

/** The SQLite file of a sqlite:// DATABASE_URL, else undefined. */
export function sqliteFileOf(databaseUrl: string): string | undefined {
  return databaseUrl.startsWith("sqlite://") ? databaseUrl.slice("sqlite://".length) : undefined;
}

function isSqliteFile(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    // An empty file is a database SQLite has not written yet.
    return read === 0 || header.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Throws a StartupError when DATA_DIR cannot be created, read or written, or holds a broken SQLite file. */
export function checkDataDir(dataDir: string, databaseUrl: string): void {
  const fix = "set DATA_DIR to a directory this user can read and write";
  try {
    mkdirSync(dataDir, { recursive: true });
    readdirSync(dataDir);
    // Access bits say nothing on a read-only file system or for root: write a file to know.
    const probe = join(dataDir, `.write-check-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dataDir} is not usable (${reason(error)}): ${fix}`, { cause: error });
  }
  const inDataDir = readdirSync(dataDir)
    .filter((name) => name.endsWith(".sqlite"))
    .map((name) => resolve(dataDir, name));
  const databaseFile = sqliteFileOf(databaseUrl);
  // DATABASE_URL may name a file outside DATA_DIR: then that is the setting to change.
  const outside =
    databaseFile && databaseFile !== ":memory:" && !inDataDir.includes(resolve(databaseFile))
      ? resolve(databaseFile)
      : undefined;
  for (const file of outside ? [...inDataDir, outside] : inDataDir) {
    let ok: boolean;
    try {
      if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
      ok = isSqliteFile(file);
    } catch (error) {
      throw new StartupError(`${file} cannot be read (${reason(error)}): ${fix}`, { cause: error });
    }
    if (ok) continue;
    const setting =
      file === outside ? "set DATABASE_URL to another file" : "set DATA_DIR to another directory";
    throw new StartupError(
      `${file} is not a SQLite database: move it away (the app starts without what it held) or ${setting}`,
    );
  }
}
