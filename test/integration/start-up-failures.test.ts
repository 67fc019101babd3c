import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureCliBuilt } from "../cli/support/build-cli.js";

// The built entry (`node dist/src/main.js`, what `npm start` runs) as a child process on a temp
// DATA_DIR: a start-up failure is one line naming the setting to change and exit code 1; and from
// the moment the port is bound every request is answered, 503 "starting" until the app is ready.

const main = new URL("../../dist/src/main.js", import.meta.url).pathname;
const HUBSPOT_MODE = {
  HUBSPOT_CLIENT_ID: "client-id",
  HUBSPOT_CLIENT_SECRET: "client-secret",
  PUBLIC_BASE_URL: "https://ls.example.com",
  ENCRYPTION_KEY: "ab".repeat(32),
};

let dir: string;
let busy: Server;
let busyPort: number;
/** Accepts connections and never answers: a database that hangs, so start-up stays "starting". */
let silent: Server;
let silentPort: number;
const held: Socket[] = [];
const children: ChildProcess[] = [];

const listening = async (server: Server) => {
  server.listen(0);
  await once(server, "listening");
  return (server.address() as { port: number }).port;
};

beforeAll(async () => {
  ensureCliBuilt();
  busy = createServer();
  busyPort = await listening(busy);
  silent = createServer((socket) => void held.push(socket));
  silentPort = await listening(silent);
}, 180_000);

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await Promise.all([busy, silent].map((s) => new Promise((done) => s.close(done))));
});

const start = (env: Record<string, string>) => {
  if (env.DATA_DIR === undefined) dir = mkdtempSync(join(tmpdir(), "lead-score-start-up-"));
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? "", DATA_DIR: dir, PORT: "0", SANDBOX_SEED: "none", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return {
    child,
    exited: async () => {
      const [code] = (await once(child, "exit")) as [number];
      return { code, stdout, stderr };
    },
    stdout: () => stdout,
  };
};

/** Runs the entry to its exit with DATA_DIR prepared by `prepare`. */
const failure = async (
  env: Record<string, string>,
  prepare?: (dataDir: string) => Record<string, string>,
) => {
  dir = mkdtempSync(join(tmpdir(), "lead-score-start-up-"));
  const extra = prepare?.(dir) ?? {};
  const run = start({ DATA_DIR: dir, ...env, ...extra });
  return run.exited();
};

// Each case starts node once or twice on a shared, loaded machine.
describe("start-up failures print one line and exit 1", { timeout: 60_000 }, () => {
  it.each([
    ["sandbox", {}],
    ["HubSpot", HUBSPOT_MODE],
  ])("a busy PORT in %s mode", async (_mode, env) => {
    const result = await failure({ ...env, PORT: String(busyPort) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`PORT ${busyPort} is in use: set PORT to a free port or stop what uses it\n`);
  });

  it("a busy SANDBOX_PORT", async () => {
    const result = await failure({ SANDBOX_PORT: String(busyPort) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `SANDBOX_PORT ${busyPort} is in use: set SANDBOX_PORT to a free port or stop what uses it\n`,
    );
  });

  it("a DATA_DIR that cannot be created", async () => {
    const result = await failure({}, (d) => {
      writeFileSync(join(d, "file"), "");
      return { DATA_DIR: join(d, "file", "data") };
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^DATA_DIR \S+\/file\/data is not usable \(ENOTDIR\): set DATA_DIR to a directory this user can read and write\n$/,
    );
  });

  it("a corrupt SQLite file in DATA_DIR", async () => {
    const result = await failure({}, (d) => {
      writeFileSync(join(d, "inbox.sqlite"), "this is not a database, it only has the name of one");
      return {};
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${join(dir, "inbox.sqlite")} is not a SQLite database: move it away (the app starts without what it held) or set DATA_DIR to another directory\n`,
    );
  });

  it("a database URL nothing answers at, without its password; the stack only at LOG_LEVEL=debug", async () => {
    // A port that was free a moment ago: the connection is refused.
    const closed = createServer();
    const port = await listening(closed);
    await new Promise((done) => closed.close(done));
    const url = `postgres://lead:hunter2@127.0.0.1:${port}/lead`;
    const result = await failure({ ...HUBSPOT_MODE, DATABASE_URL: url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^DATABASE_URL postgres://lead:\\*\\*\\*@127\\.0\\.0\\.1:${port}/lead cannot be opened \\(.*ECONNREFUSED.*\\): set DATABASE_URL to a database this app can reach and write\\n$`,
      ),
    );
    expect(result.stderr).not.toContain("hunter2");

    const debug = await failure({ ...HUBSPOT_MODE, DATABASE_URL: url, LOG_LEVEL: "debug" });
    expect(debug.code).toBe(1);
    expect(debug.stderr.split("\n")[0]).toMatch(/^DATABASE_URL .* cannot be opened/);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe("once started", { timeout: 60_000 }, () => {
  it("creates every file under DATA_DIR for its user alone (0600, folders 0700)", async () => {
    const run = start({});
    while (!run.stdout().includes("lead-score listening")) {
      await Promise.race([once(run.child.stdout as NodeJS.ReadableStream, "data"), once(run.child, "exit")]);
      if (run.child.exitCode !== null) throw new Error(`exited: ${(await run.exited()).stderr}`);
    }
    const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
    // The SQLite stores, the inbox, the due-index, the key and the npm start record at least.
    expect(entries.filter((e) => e.isFile()).length).toBeGreaterThanOrEqual(4);
    const open = entries
      .map((e) => join(e.parentPath, e.name))
      .filter((path) => (statSync(path).mode & 0o077) !== 0)
      .map((path) => `${path}: ${(statSync(path).mode & 0o777).toString(8)}`);
    expect(open).toEqual([]);
  });
});

describe("while the app starts", { timeout: 60_000 }, () => {
  it.each([
    ["sandbox", {}],
    ["HubSpot", HUBSPOT_MODE],
  ])("every request on the bound port gets 503 starting in %s mode", async (_mode, env) => {
    // The database never answers, so start-up stops right after the port is bound.
    const run = start({ ...env, DATABASE_URL: `postgres://lead@127.0.0.1:${silentPort}/lead` });
    let port: number | undefined;
    while (port === undefined) {
      await Promise.race([once(run.child.stdout as NodeJS.ReadableStream, "data"), once(run.child, "exit")]);
      if (run.child.exitCode !== null) throw new Error(`exited: ${(await run.exited()).stderr}`);
      const bound = /"port":(\d+),"msg":"bound port/.exec(run.stdout());
      if (bound) port = Number(bound[1]);
    }
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toBe("2");
    expect(await health.json()).toMatchObject({ status: "starting" });
    const page = await fetch(`http://127.0.0.1:${port}/admin`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("lead-score is starting");
  });
});
