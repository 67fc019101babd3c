import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBullmqInbox } from "../../src/adapters/queue/bullmq-inbox.js";
import { parseWebhookBatch } from "../../src/hubspot/parse-webhook-batch.js";
import { ensureCliBuilt } from "../cli/support/build-cli.js";
import {
  createDummyBatch,
  PUBLIC_BASE_URL,
  signDelivery,
  WEBHOOK_SECRET,
} from "../fixtures/hubspot/webhook-payloads.js";
import { useRedisServer } from "./support/start-redis.js";

// Issue 6, "durable means surviving kill -9 of the app", with REDIS_URL: the intake in its own
// process (from dist/) on the BullMQ inbox, SIGKILLed with deliveries in flight. Every acknowledged
// delivery must be in Redis, whole; any other whole or not at all (one MULTI per delivery).

const root = new URL("../../", import.meta.url).pathname;
const childScript = join(root, "test/support/webhook-intake-child.mjs");
const DELIVERIES = 60;
const KILL_AFTER_ACKS = 20;
const CONCURRENCY = 10;

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
    const intake = child as ChildProcess;
    const bodies = Array.from({ length: DELIVERIES }, (_, i) =>
      JSON.stringify(createDummyBatch(100, i * 100 + 1)),
    );
    const acked: number[] = [];
    const exited = once(intake, "exit");
    let next = 0;
    const sender = async () => {
      while (next < DELIVERIES && intake.signalCode === null) {
        const i = next++;
        const { headers, body } = signDelivery(bodies[i] as string, { timestampMs: Date.now() });
        const res = await fetch(`${base}/webhooks/hubspot`, { method: "POST", headers, body }).catch(
          () => undefined,
        );
        if (res?.status !== 200) continue;
        acked.push(i);
        if (acked.length === KILL_AFTER_ACKS) intake.kill("SIGKILL");
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    expect(await exited).toEqual([null, "SIGKILL"]);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.length, "killed mid-stream").toBeLessThan(DELIVERIES);

    // What another instance (or the restarted app) finds in the shared inbox.
    const inbox = await openBullmqInbox({ url });
    try {
      const stored = new Set((await inbox.claim(DELIVERIES * 100)).map((e) => e.event.dedupeKey));
      const storedOf = (i: number) =>
        parseWebhookBatch(JSON.parse(bodies[i] as string)).filter((e) => stored.has(e.dedupeKey)).length;
      for (const i of acked) expect(storedOf(i), `acknowledged delivery ${i}`).toBe(100);
      for (let i = 0; i < DELIVERIES; i++) expect([0, 100], `delivery ${i}`).toContain(storedOf(i));
    } finally {
      await inbox.close();
    }
  });
});
