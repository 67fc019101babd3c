import { randomUUID } from "node:crypto";
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { type BullmqInboxOptions, openBullmqInbox } from "../../src/adapters/queue/bullmq-inbox.js";
import { parseWebhookBatch } from "../../src/hubspot/parse-webhook-batch.js";
import type { WebhookEvent } from "../../src/hubspot/webhook-event.js";
import type { Inbox } from "../../src/ports/inbox.js";
import { createDummyBatch } from "../fixtures/hubspot/webhook-payloads.js";
import { useRedisServer } from "./support/start-redis.js";

// The shared webhook inbox (REDIS_URL, docs/decisions.md §BullMQ inbox) on a real redis-server --appendonly
// yes: what the pipeline worker relies on from an inbox, and what several instances add (claims split between
// them, a dead instance's claims handed out again, data surviving a Redis restart).

const server = useRedisServer();
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

describe("BullMQ inbox", { timeout: 30_000 }, () => {
  it("stores a delivery, claims each event once, and drops a retried delivery's events at claim", async () => {
    prefix = `t-${randomUUID()}`;
    const inbox = await open();
    expect(await inbox.append(events(3))).toEqual({ stored: 3, duplicates: 0 });
    // A retry arriving before the first delivery was claimed: stored, and dropped when claimed.
    expect(await inbox.append(events(3))).toEqual({ stored: 3, duplicates: 0 });
    const first = await inbox.claim(10);
    expect(eventIds(first)).toEqual([1, 2, 3]);
    expect(first.every((e) => e.status === "processing" && e.attempts === 1)).toBe(true);
    expect(new Set(first.map((e) => e.id)).size).toBe(3);

    // Once claimed, the answer counts a retry's events as duplicates, and a claim drops them.
    expect(await inbox.append(events(4))).toEqual({ stored: 1, duplicates: 3 });
    const second = await inbox.claim(10);
    expect(eventIds(second)).toEqual([4]);
    expect(await inbox.claim(10)).toEqual([]);
    // Deliveries: the first, its retry (done at claim, nothing left), and the third.
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 2, done: 1, parked: 0 });

    await inbox.complete([...first, ...second].map((e) => e.id));
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 3, parked: 0 });
    // Done events keep their mark for 48 h: HubSpot retries for 24 h.
    expect(await inbox.append(events(4))).toEqual({ stored: 0, duplicates: 4 });
    expect(await inbox.claim(10)).toEqual([]);
    expect(await inbox.oldestOpenReceivedAtMs()).toBeNull();
  });

  it("claims an event repeated inside one delivery once", async () => {
    prefix = `t-${randomUUID()}`;
    const inbox = await open();
    const [one] = events(1);
    if (!one) throw new Error("expected an event");
    await inbox.append([one, { ...one }, ...events(1, 2)]);
    expect(eventIds(await inbox.claim(10))).toEqual([1, 2]);
  });

  it("retries a failed event at the time given, alone, and parks it after maxAttempts with its last error", async () => {
    prefix = `t-${randomUUID()}`;
    const inbox = await open({ maxAttempts: 2 });
    await inbox.append([...events(1, 1, 7), ...events(1, 2, 8)]);
    const [poison, good] = await inbox.claim(2);
    if (!poison || !good) throw new Error("expected two entries");
    expect(await inbox.fail(poison.id, "boom once", Date.now() + 300)).toBe("pending");
    await inbox.complete([good.id]);
    expect(await inbox.counts()).toMatchObject({ pending: 1, processing: 0 });
    expect(await inbox.claim(10)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const again = await inbox.claim(10);
    expect(again.map((e) => [e.event.eventId, e.attempts, e.lastError])).toEqual([["1", 2, "boom once"]]);
    expect(await inbox.fail(again[0]?.id ?? 0, "boom twice")).toBe("parked");

    const parked = await inbox.parked(7);
    expect(parked.map((e) => [e.event.eventId, e.status, e.attempts, e.lastError])).toEqual([
      ["1", "parked", 2, "boom twice"],
    ]);
    expect(await inbox.parked(8)).toEqual([]);
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 2, parked: 1 });
    await expect(inbox.fail(good.id, "late")).rejects.toThrow(/not being processed/);
  });

  it("splits the deliveries between two instances: each event is claimed by exactly one", async () => {
    prefix = `t-${randomUUID()}`;
    const [a, b] = await Promise.all([open(), open()]);
    await a.append(events(60, 1));
    await b.append(events(60, 61));
    // 50 asks for less than one delivery holds: each instance takes one.
    const [fromA, fromB] = await Promise.all([a.claim(50), b.claim(50)]);
    expect(eventIds([...fromA, ...fromB])).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect([fromA.length, fromB.length]).toEqual([60, 60]);
    // Each instance settles only what it claimed: completing another's entry changes nothing.
    await a.complete(fromB.map((e) => e.id));
    await expect(a.fail(fromB[0]?.id ?? 0, "not mine")).rejects.toThrow(/not being processed/);
    expect(await a.counts()).toEqual({ pending: 0, processing: 2, done: 0, parked: 0 });
    await Promise.all([a.complete(fromA.map((e) => e.id)), b.complete(fromB.map((e) => e.id))]);
    expect(await a.counts()).toEqual({ pending: 0, processing: 0, done: 2, parked: 0 });
  });

  it("hands a dead instance's claims to another once their lock expires", async () => {
    prefix = `t-${randomUUID()}`;
    const survivor = await open({ lockMs: 600, stalledCheckMs: 200 });
    await survivor.append(events(5));
    // The dying instance is what kill -9 leaves in Redis: jobs taken under its token and a lock no one
    // renews. A bare BullMQ worker claims them the way the inbox does, then its connection just drops.
    const connection = new Redis(server().url, { maxRetriesPerRequest: null });
    const dying = new Worker("webhook-inbox", null, {
      connection,
      prefix,
      autorun: false,
      lockDuration: 600,
    });
    const token = randomUUID();
    expect(await dying.getNextJob(token, { block: false })).toBeDefined();
    connection.disconnect();
    expect(await survivor.claim(5)).toEqual([]);
    let taken: Awaited<ReturnType<Inbox["claim"]>> = [];
    for (let i = 0; i < 40 && taken.length < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      taken = [...taken, ...(await survivor.claim(5))];
    }
    expect(eventIds(taken)).toEqual([1, 2, 3, 4, 5]);
    expect(taken.every((e) => e.attempts === 2)).toBe(true);
  });

  it("gives back what it holds when closed, and keeps entries across a Redis restart", async () => {
    prefix = `t-${randomUUID()}`;
    const first = await open();
    await first.append(events(3));
    // A claim takes whole deliveries: asking for 2 holds all 3.
    expect(await first.claim(2)).toHaveLength(3);
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
