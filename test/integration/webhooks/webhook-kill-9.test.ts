import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWebhookBatch } from "../../../src/hubspot/parse-webhook-batch.js";
import { ensureCliBuilt } from "../../cli/support/build-cli.js";
import { deliverUntilKilled } from "../../support/deliver-until-killed.js";
import { startIntakeProcess } from "../../support/start-intake-process.js";

// docs/decisions.md §Webhook inbox: "Durable" means surviving kill -9 of the app. The intake runs in a child
// process from dist/ (compiled by the default project's globalSetup, test/cli/support/build-cli.ts); we
// SIGKILL it the moment enough 2xx acks are in, with more deliveries in flight, then open its database.

let dir: string;
let child: ChildProcess | undefined;

// The build the intake process runs from, ahead of the test's own timeout.
beforeAll(() => ensureCliBuilt(), 180_000);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ls-kill9-"));
});
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("webhook intake under kill -9", () => {
  it("keeps every acknowledged event, and each delivery whole or not at all", {
    timeout: 30_000,
  }, async () => {
    const file = join(dir, "inbox.sqlite");
    const started = await startIntakeProcess({ file });
    child = started.child;
    const { bodies, acked } = await deliverUntilKilled(started.base, started.child);

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
