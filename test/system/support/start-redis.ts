import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { findFreePort } from "./find-free-port.js";
import { requireExecutable } from "./require-executable.js";
import { waitForOutput } from "./wait-for-output.js";

export type RedisServer = {
  url: string;
  /** Stops the server (SIGTERM: Redis flushes its append-only file first). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder, so it reloads what it had written. */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  dispose(): Promise<void>;
};

/**
 * A throwaway redis-server on a free loopback port, configured as docs/decisions.md §Several instances asks
 * (--appendonly yes).
 */
export async function startRedis(): Promise<RedisServer> {
  const binary = requireExecutable("redis-server");
  const dir = mkdtempSync(join(tmpdir(), "ls-redis-"));
  const port = await findFreePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--dir", dir];
  // No RDB snapshots: the append-only file is what is under test, and snapshots only add disk work.
  args.push("--save", "");
  let child: ChildProcess | undefined;

  const start = async () => {
    const started = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    await waitForOutput(started, /Ready to accept connections/, 10_000).catch((error: Error) => {
      started.kill("SIGKILL");
      throw new Error(`redis-server on port ${port}: ${error.message}`);
    });
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a throwaway redis-server before the tests of the calling module or describe and disposes of
 * it after them. The returned getter gives the running server, or throws why it did not start (a
 * missing program names .ci/run).
 */
export function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  let startError: unknown;
  beforeAll(async () => {
    // Kept, not thrown: a failing beforeAll reports its tests as skipped; each test must fail instead.
    server = await startRedis().catch((error: unknown) => {
      startError = error;
      return undefined;
    });
  }, 60_000);
  afterAll(async () => {
    await server?.dispose();
  }, 30_000);
  return () => {
    if (server === undefined) throw startError ?? new Error("redis-server did not start");
    return server;
  };
}
