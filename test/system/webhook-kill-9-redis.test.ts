import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBullmqInbox } from "../../src/adapters/queue/bullmq-inbox.js";
import { parseWebhookBatch } from "../../src/hubspot/parse-webhook-batch.js";
import { ensureCliBuilt } from "../cli/support/build-cli.js";
import { PUBLIC_BASE_URL, WEBHOOK_SECRET } from "../fixtures/hubspot/webhook-payloads.js";
import { deliverUntilKilled } from "../support/deliver-until-killed.js";
import { useRedisServer } from "./support/start-redis.js";

// Issue 6, "durable means surviving kill -9 of the app", with REDIS_URL: the intake in its own
// process (from dist/) on the BullMQ inbox, SIGKILLed with deliveries in flight. Every acknowledged
// delivery must be in Redis, whole; any other whole or not at all (one MULTI per delivery).

const root = new URL("../../", import.meta.url).pathname;
const childScript = join(root, "test/support/webhook-intake-child.mjs");

const server = useRedisServer();
let child: ChildProcess | undefined;

beforeAll(() => ensureCliBuilt(), 180_000);
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

async function startChild(redisUrl: string): Promise<string> {
  const started = spawn(process.execPath, [childScript, "-", WEBHOOK_SECRET, PUBLIC_BASE_URL, redisUrl], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = started;
  const [line] = (await once(started.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  return `http://127.0.0.1:${(JSON.parse(line.toString()) as { port: number }).port}`;
}

describe("webhook intake on Redis under kill -9", () => {
  it("keeps every acknowledged event, and each delivery whole or not at all", {
    timeout: 60_000,
  }, async () => {
    const { url } = server();
    const base = await startChild(url);
    const { bodies, acked } = await deliverUntilKilled(base, child as ChildProcess);

    // What another instance (or the restarted app) finds in the shared inbox.
    const inbox = await openBullmqInbox({ url });
    try {
      const stored = new Set((await inbox.claim(bodies.length * 100)).map((e) => e.event.dedupeKey));
      const storedOf = (i: number) =>
        parseWebhookBatch(JSON.parse(bodies[i] as string)).filter((e) => stored.has(e.dedupeKey)).length;
      for (const i of acked) expect(storedOf(i), `acknowledged delivery ${i}`).toBe(100);
      for (let i = 0; i < bodies.length; i++) expect([0, 100], `delivery ${i}`).toContain(storedOf(i));
    } finally {
      await inbox.close();
    }
  });
});
