import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBullmqInbox } from "../../src/adapters/queue/bullmq-inbox.js";
import { parseWebhookBatch } from "../../src/hubspot/parse-webhook-batch.js";
import { ensureCliBuilt } from "../cli/support/build-cli.js";
import { deliverUntilKilled } from "../support/deliver-until-killed.js";
import { startIntakeProcess } from "../support/start-intake-process.js";
import { useRedisServer } from "./support/start-redis.js";

// docs/decisions.md §Webhook inbox, durable means surviving kill -9 of the app, with REDIS_URL: the intake in
// its own process (from dist/) on the BullMQ inbox, SIGKILLed with deliveries in flight. Every acknowledged
// delivery must be in Redis, whole; any other whole or not at all (one BullMQ job per delivery).

const server = useRedisServer();
let child: ChildProcess | undefined;

// The build the intake process runs from, ahead of the test's own timeout.
beforeAll(() => ensureCliBuilt(), 180_000);
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("webhook intake on Redis under kill -9", () => {
  it("keeps every acknowledged event, and each delivery whole or not at all", {
    timeout: 60_000,
  }, async () => {
    const { url } = server();
    const started = await startIntakeProcess({ redisUrl: url });
    child = started.child;
    const { bodies, acked } = await deliverUntilKilled(started.base, started.child);

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
