import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

// The CLI tests spawn the real bin (dist/src/cli/main.js): compile first when a source file is
// newer than the last build. Only these tests pay for it (a globalSetup would rebuild for every
// test run), and a lock keeps parallel test files from running two compilers over one dist/.

const root = new URL("../../../", import.meta.url).pathname;
export const cliMain = join(root, "dist/src/cli/main.js");
const lock = join(root, "dist/.cli-test-build.lock");

const mtimeMs = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};
/** The kill -9 tests run the bench's intake server (test/support/start-intake-process.ts). */
export const intakeServer = join(root, "dist/bench/webhook-ingest-server.js");
const newestSourceMs = () =>
  ["src", "bench"]
    .flatMap((dir) => readdirSync(join(root, dir), { withFileTypes: true, recursive: true }))
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .reduce(
      (newest, e) => Math.max(newest, mtimeMs(join(e.parentPath, e.name))),
      mtimeMs(join(root, "tsconfig.json")),
    );
const isStale = () => Math.min(mtimeMs(cliMain), mtimeMs(intakeServer)) <= newestSourceMs();
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** beforeAll of every CLI test file: builds dist/ once when it is older than src/ or bench/. */
export function ensureCliBuilt(): void {
  while (isStale()) {
    try {
      mkdirSync(join(root, "dist"), { recursive: true });
      mkdirSync(lock);
    } catch {
      // Another test file is building; a lock older than 2 minutes was left by a crash.
      if (Date.now() - mtimeMs(lock) > 120_000) rmSync(lock, { recursive: true, force: true });
      sleep(200);
      continue;
    }
    try {
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
        cwd: root,
        encoding: "utf8",
      });
      // tsc writes JavaScript despite type errors, which are `npm run typecheck`'s to report;
      // a build that wrote no bin is fatal.
      if (isStale())
        throw new Error(
          `the build did not write ${cliMain} and ${intakeServer}:\n${build.stdout}${build.stderr}`,
        );
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
