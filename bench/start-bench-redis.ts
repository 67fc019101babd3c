import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A throwaway redis-server for the REDIS_URL figures of `npm run bench`, configured as
// docs/decisions.md §Several instances asks (--appendonly yes, the default appendfsync everysec). Null when
// redis-server is not installed: the bench then says so and skips those figures (`.ci/run` installs it for
// the system tests).

export type BenchRedis = { url: string; stop(): Promise<void> };

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

export async function startBenchRedis(): Promise<BenchRedis | null> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), "ls-bench-redis-"));
  const port = await freePort();
  const server = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--save", "", "--dir", dir],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  for await (const chunk of server.stdout) {
    output += String(chunk);
    if (output.includes("Ready to accept connections")) break;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = once(server, "exit");
      server.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
