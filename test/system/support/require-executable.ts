import { accessSync, constants, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

const FIX =
  "run .ci/run as root: it installs redis-server, postgresql and chromium with apt-get when missing " +
  "(or install those Debian packages yourself)";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian keeps the PostgreSQL server programs off PATH, in one folder per major version. */
function postgresBinDirs(): string[] {
  try {
    return readdirSync("/usr/lib/postgresql")
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join("/usr/lib/postgresql", version, "bin"));
  } catch {
    return [];
  }
}

/**
 * The path of a program the system suite needs. Throws, naming the fix, when it is missing: the suite
 * must fail rather than skip, or a CI machine without the services would pass without testing them.
 */
export function requireExecutable(name: string): string {
  const dirs = [...postgresBinDirs(), ...(process.env.PATH ?? "").split(delimiter).filter(Boolean)];
  const found = dirs.map((dir) => join(dir, name)).find(isExecutable);
  if (found === undefined) throw new Error(`${name} not found: ${FIX}`);
  return found;
}
