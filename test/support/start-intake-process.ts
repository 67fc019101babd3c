import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { ensureCliBuilt, intakeServer } from "../cli/support/build-cli.js";
import { PUBLIC_BASE_URL, WEBHOOK_SECRET } from "../fixtures/hubspot/webhook-payloads.js";

// The webhook intake alone in its own process, for the kill -9 tests: the bench's server
// (dist/bench/webhook-ingest-server.js: the real route on the SQLite or BullMQ inbox), built first
// when src/ is newer than dist/.

/** `inbox`: the SQLite file, or a redis:// URL for the BullMQ inbox. Resolves once it listens. */
export async function startIntakeProcess(inbox: { file: string } | { redisUrl: string }) {
  ensureCliBuilt();
  const args =
    "file" in inbox
      ? [inbox.file, WEBHOOK_SECRET, PUBLIC_BASE_URL]
      : ["-", WEBHOOK_SECRET, PUBLIC_BASE_URL, inbox.redisUrl];
  const child: ChildProcess = spawn(process.execPath, [intakeServer, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  // A server that cannot start exits: say so at once rather than wait for a port line forever.
  const first = await Promise.race([
    once(child.stdout as NodeJS.ReadableStream, "data") as Promise<[Buffer]>,
    once(child, "exit").then(([code]) => {
      throw new Error(`the intake process exited (code ${code}) before it listened`);
    }),
  ]);
  const [line] = first;
  return { child, base: `http://127.0.0.1:${(JSON.parse(line.toString()) as { port: number }).port}` };
}
