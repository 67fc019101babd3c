import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { type BullmqInboxOptions, openBullmqInbox } from "../../src/adapters/queue/bullmq-inbox.js";
import { parseWebhookBatch } from "../../src/hubspot/parse-webhook-batch.js";
import type { WebhookEvent } from "../../src/hubspot/webhook-event.js";
import type { Inbox } from "../../src/ports/inbox.js";
import { createDummyBatch } from "../fixtures/hubspot/webhook-payloads.js";
import { CONTRACT_MAX_ATTEMPTS, inboxContract } from "../support/inbox-contract.js";
import { useRedisServer } from "./support/start-redis.js";

// The shared webhook inbox (REDIS_URL, docs/decisions.md §BullMQ inbox) on a real redis-server --appendonly
// yes: the contract every inbox keeps, then what several instances add (claims split between them,
// de-duplication across them, counts in deliveries) and data surviving a Redis restart.

const server = useRedisServer();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The lock of a holder that dies: how long its claims stay taken. */
const DEAD_LOCK_MS = 1_000;

describe("BullMQ inbox: the inbox contract", { timeout: 30_000 }, () => {
  inboxContract(async () => {
    const { url } = server();
    const prefix = `contract-${randomUUID()}`;
    return {
      open: (options) =>
        openBullmqInbox({
          url,
          prefix,
          maxAttempts: CONTRACT_MAX_ATTEMPTS,
          // The inboxes of a test keep their own claims; only the dying holder's lock is short.
          stalledCheckMs: 200,
          ...options,
        }),
      now: Date.now,
      // BullMQ's delays run on the clock of the processes; +5 ms for timers that fire a little early.
      wait: (ms) => sleep(ms + 5),
      // What kill -9 leaves in Redis: deliveries taken under an instance's token, and a lock no one
      // renews. A bare BullMQ worker takes them the way the inbox does, then its connection drops.
      async claimAndDie(_inbox, limit) {
        const connection = new Redis(url, { maxRetriesPerRequest: null });
        const dying = new Worker("webhook-inbox", null, {
          connection,
          prefix,
          autorun: false,
          lockDuration: DEAD_LOCK_MS,
        });
        const token = randomUUID();
        let taken = 0;
        while (taken < limit) {
          const job = await dying.getNextJob(token, { block: false });
          if (!job) break;
          taken += (job.data as { events: unknown[] }).events.length;
        }
        connection.disconnect();
        // Its own blocking connection too, which would otherwise reconnect until the test file ends
        // (and print every refusal once Redis is gone). Closing a worker leaves the locks of jobs
        // taken by hand: nothing renews or releases them, as after kill -9.
        dying.on("error", () => undefined);
        await dying.close(true);
        return taken;
      },
      expireClaims: () => sleep(DEAD_LOCK_MS),
    };
  });
});

describe("BullMQ inbox: several instances", { timeout: 30_000 }, () => {
  const opened: Inbox[] = [];
  let prefix = "";

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((inbox) => inbox.close().catch(() => undefined)));
  });

  /** One inbox instance (an app instance's view); every instance of a test shares one prefix. */
  async function open(options: Partial<BullmqInboxOptions> = {}) {
    const inbox = await openBullmqInbox({ url: server().url, prefix, maxAttempts: 3, ...options });
    opened.push(inbox);
    return inbox;
  }
  const events = (count: number, firstEventId = 1, portalId = 62515): WebhookEvent[] =>
    parseWebhookBatch(createDummyBatch(count, firstEventId, portalId));
  const eventIds = (entries: { event: WebhookEvent }[]) =>
    entries.map((e) => Number(e.event.eventId)).sort((a, b) => a - b);

  it("counts deliveries, not events, and a retry dropped at claim as done", async () => {
    prefix = `t-${randomUUID()}`;
    const inbox = await open();
    await inbox.append(events(3));
    // A retry arriving before the first delivery was claimed: stored, and dropped when claimed.
    expect(await inbox.append(events(3))).toEqual({ stored: 3, duplicates: 0 });
    expect(await inbox.counts()).toEqual({ pending: 2, processing: 0, done: 0, parked: 0 });
    const claimed = await inbox.claim(10);
    expect(eventIds(claimed)).toEqual([1, 2, 3]);
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 1, done: 1, parked: 0 });
    await inbox.complete(claimed.map((e) => e.id));
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 2, parked: 0 });
  });

  it("splits the deliveries between two instances: each event is claimed by exactly one", async () => {
    prefix = `t-${randomUUID()}`;
    const [a, b] = await Promise.all([open(), open()]);
    await a.append(events(60, 1));
    await b.append(events(60, 61));
    // 50 asks for less than one delivery holds: each instance takes one, and keeps its rest.
    const [fromA, fromB] = await Promise.all([a.claim(50), b.claim(50)]);
    expect([fromA.length, fromB.length]).toEqual([50, 50]);
    const [restA, restB] = await Promise.all([a.claim(50), b.claim(50)]);
    expect([restA.length, restB.length]).toEqual([10, 10]);
    const all = [...fromA, ...fromB, ...restA, ...restB];
    expect(eventIds(all)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    // Each instance settles only what it claimed: completing another's entry changes nothing.
    await a.complete([...fromB, ...restB].map((e) => e.id));
    await expect(a.fail(fromB[0]?.id ?? 0, "not mine")).rejects.toThrow(/not being processed/);
    expect(await a.counts()).toEqual({ pending: 0, processing: 2, done: 0, parked: 0 });
    await Promise.all([
      a.complete([...fromA, ...restA].map((e) => e.id)),
      b.complete([...fromB, ...restB].map((e) => e.id)),
    ]);
    expect(await a.counts()).toEqual({ pending: 0, processing: 0, done: 2, parked: 0 });
  });

  it("hands an event to one instance when two claim a delivery and its retry at once (one Lua script)", async () => {
    prefix = `t-${randomUUID()}`;
    const [a, b] = await Promise.all([open(), open()]);
    await a.append(events(20));
    await b.append(events(20));
    const [fromA, fromB] = await Promise.all([a.claim(20), b.claim(20)]);
    expect(eventIds([...fromA, ...fromB])).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("keeps entries across a Redis restart (appendonly)", async () => {
    prefix = `t-${randomUUID()}`;
    const first = await open();
    await first.append(events(3));
    expect(await first.claim(2)).toHaveLength(2);
    opened.splice(opened.indexOf(first), 1);
    await first.close();
    await server().stop();
    await server().restart();
    const next = await open();
    expect(await next.counts()).toEqual({ pending: 1, processing: 0, done: 0, parked: 0 });
    expect(eventIds(await next.claim(10))).toEqual([1, 2, 3]);
    expect(await next.oldestOpenReceivedAtMs()).toEqual(expect.any(Number));
  });
});
