import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWebhookBatch } from "../../../src/hubspot/parse-webhook-batch.js";
import { PUBLIC_BASE_URL, WEBHOOK_SECRET } from "../../fixtures/hubspot/webhook-payloads.js";
import { deliverUntilKilled } from "../../support/deliver-until-killed.js";

// Issue 6: "Durable" means surviving kill -9 of the app. The intake runs in a child process from
// dist/ (compiled by the default project's globalSetup, test/cli/support/build-cli.ts); we SIGKILL it
// the moment enough 2xx acks are in, with more deliveries in flight, then open its database.

const root = new URL("../../../", import.meta.url).pathname;
const childScript = join(root, "test/support/webhook-intake-child.mjs");

let dir: string;
let child: ChildProcess;

async function startChild(file: string): Promise<string> {
  child = spawn(process.execPath, [childScript, file, WEBHOOK_SECRET, PUBLIC_BASE_URL], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  return `http://127.0.0.1:${(JSON.parse(line.toString()) as { port: number }).port}`;
}

beforeAll(() => {
  expect(existsSync(join(root, "dist/src/http/webhook-routes.js")), "run `npm run build` first").toBe(true);
  dir = mkdtempSync(join(tmpdir(), "ls-kill9-"));
});
afterAll(() => {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("webhook intake under kill -9", () => {
  it("keeps every acknowledged event, and each delivery whole or not at all", {
    timeout: 30_000,
  }, async () => {
    const file = join(dir, "inbox.sqlite");
    const base = await startChild(file);
    const { bodies, acked } = await deliverUntilKilled(base, child);

    // A fresh connection recovers the WAL as the restarted app would.
    const db = new Database(file);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const has = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM webhook_inbox WHERE dedupe_key = ?",
    );
    const storedOf = (i: number) =>
      parseWebhookBatch(JSON.parse(bodies[i] as string)).filter((e) => has.get(e.dedupeKey)?.n === 1).length;
    for (const i of acked) expect(storedOf(i), `acknowledged delivery ${i}`).toBe(100);
    for (let i = 0; i < bodies.length; i++) expect([0, 100], `delivery ${i}`).toContain(storedOf(i));
    db.close();
  });
});
