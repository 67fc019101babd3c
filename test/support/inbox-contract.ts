import { expect, it, onTestFinished, vi } from "vitest";
import { parseWebhookBatch } from "../../src/hubspot/parse-webhook-batch.js";
import type { WebhookEvent } from "../../src/hubspot/webhook-event.js";
import type { Inbox, InboxEntry } from "../../src/ports/inbox.js";
import {
  contactMerge,
  createDummyBatch,
  legacyAssociationChange,
} from "../fixtures/hubspot/webhook-payloads.js";

// What the webhook pipeline relies on from every Inbox (src/ports/inbox.ts), whichever store holds
// it: SQLite (test/unit/adapters/queue) and BullMQ (test/system). Where the port lets a shared inbox
// answer differently (counts and purges in deliveries, duplicates noticed at claim, a delivery given
// back whole), these tests use one-event deliveries or look only at what both keep.

/** Tries an inbox gets before an event is parked, in every test. */
export const CONTRACT_MAX_ATTEMPTS = 3;
const HOUR_MS = 3_600_000;

export type ContractInboxOptions = {
  /** Delay before retry number `attempts + 1` when fail() is given no time. */
  backoffMs?: (attempts: number) => number;
};

/** One empty store for one test, and the means to make time pass and holders die on it. */
export type InboxContractStore = {
  /** An inbox on the store (CONTRACT_MAX_ATTEMPTS); every inbox of a test shares the store. */
  open(options?: ContractInboxOptions): Promise<Inbox>;
  /** The inbox's clock. */
  now(): number;
  /** Lets at least `ms` pass on the inbox's clock. */
  wait(ms: number): Promise<void>;
  /**
   * Claims up to `limit` events as a holder that then stops without settling or closing anything
   * (kill -9, or a worker that hangs); returns how many it took.
   */
  claimAndDie(inbox: Inbox, limit: number): Promise<number>;
  /** Lets the claims of such a holder expire (its lease or lock), so another claim may take them. */
  expireClaims(): Promise<void>;
};

const events = (count: number, firstEventId = 1, portalId = 62515): WebhookEvent[] =>
  parseWebhookBatch(createDummyBatch(count, firstEventId, portalId));
const eventIds = (entries: readonly { event: WebhookEvent }[]) => entries.map((e) => e.event.eventId);
const onlyEntry = (entries: readonly InboxEntry[]): InboxEntry => {
  expect(entries).toHaveLength(1);
  return entries[0] as InboxEntry;
};

/** Registers the contract's tests in the caller's describe; `createStore` makes an empty store. */
export function inboxContract(createStore: () => Promise<InboxContractStore>): void {
  async function setUp() {
    const store = await createStore();
    const closed = new Set<Inbox>();
    /** Closes an inbox once, whether the test or its end does it. */
    const close = async (inbox: Inbox) => {
      if (closed.has(inbox)) return;
      closed.add(inbox);
      await inbox.close();
    };
    const open = async (options?: ContractInboxOptions) => {
      const inbox = await store.open(options);
      onTestFinished(() => close(inbox));
      return inbox;
    };
    /** Appends each event as a delivery of its own, in order: counts agree whatever their unit. */
    const appendEach = async (inbox: Inbox, each: readonly WebhookEvent[]) => {
      for (const event of each) await inbox.append([event]);
    };
    return { ...store, open, close, appendEach };
  }

  it("stores a delivery durably: resolved means every event can be claimed, by an inbox opened after", async () => {
    const { open, close } = await setUp();
    const first = await open();
    expect(await first.append(events(3))).toEqual({ stored: 3, duplicates: 0 });
    await close(first);
    const next = await open();
    expect(await next.counts()).toMatchObject({ processing: 0, done: 0, parked: 0 });
    expect(eventIds(await next.claim(10))).toEqual(["1", "2", "3"]);
  });

  it("stores all of a delivery or none of it", async () => {
    const { open } = await setUp();
    const inbox = await open();
    const delivery = events(3);
    // JSON cannot hold a bigint: the third event cannot be stored, so neither may the first two.
    (delivery[2] as unknown as { propertyValue: bigint }).propertyValue = 1n;
    await expect(inbox.append(delivery)).rejects.toThrow(/BigInt/);
    expect(await inbox.claim(10)).toEqual([]);
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 0, parked: 0 });
  });

  it("gives back each event exactly as appended, association and merge fields included", async () => {
    const { open } = await setUp();
    const inbox = await open();
    const appended = parseWebhookBatch([legacyAssociationChange, contactMerge, ...createDummyBatch(2)]);
    await inbox.append(appended);
    expect((await inbox.claim(10)).map((e) => e.event)).toStrictEqual(appended);
  });

  it("claims the oldest entries first, up to the limit, each once, as processing on their first attempt", async () => {
    const { open, now } = await setUp();
    const inbox = await open();
    const before = now();
    await inbox.append(events(2, 1));
    await inbox.append(events(2, 3));
    const first = await inbox.claim(3);
    expect(eventIds(first)).toEqual(["1", "2", "3"]);
    for (const entry of first) {
      expect(entry).toMatchObject({ status: "processing", attempts: 1, lastError: null });
      expect(entry.receivedAtMs).toBeGreaterThanOrEqual(before);
      expect(entry.receivedAtMs).toBeLessThanOrEqual(now());
    }
    const second = await inbox.claim(10);
    expect(eventIds(second)).toEqual(["4"]);
    expect(new Set([...first, ...second].map((e) => e.id)).size).toBe(4);
    expect(await inbox.claim(10)).toEqual([]);
  });

  it("hands out an event HubSpot sent again once, whether it came back before or after the first was claimed", async () => {
    const { open } = await setUp();
    const inbox = await open();
    await inbox.append(events(2));
    // A retry before the first delivery was claimed (HubSpot bumps attemptNumber, not the dedupe key).
    const retry = parseWebhookBatch(createDummyBatch(2).map((e) => ({ ...e, attemptNumber: 1 })));
    const early = await inbox.append(retry);
    expect(early.stored + early.duplicates).toBe(2);
    const claimed = await inbox.claim(10);
    expect(eventIds(claimed)).toEqual(["1", "2"]);
    // Once claimed, every inbox knows them: a later retry is answered as duplicates and never handed out.
    expect(await inbox.append([...retry, ...events(1, 3)])).toEqual({ stored: 1, duplicates: 2 });
    expect(eventIds(await inbox.claim(10))).toEqual(["3"]);
    expect(await inbox.claim(10)).toEqual([]);
  });

  it("hands out an event repeated inside one delivery once", async () => {
    const { open } = await setUp();
    const inbox = await open();
    const [one] = events(1);
    await inbox.append([one as WebhookEvent, { ...(one as WebhookEvent) }, ...events(1, 2)]);
    expect(eventIds(await inbox.claim(10))).toEqual(["1", "2"]);
    expect(await inbox.claim(10)).toEqual([]);
  });

  it("answers a late retry of done events as duplicates, and never hands them out again", async () => {
    const { open } = await setUp();
    const inbox = await open();
    await inbox.append(events(2));
    await inbox.complete((await inbox.claim(10)).map((e) => e.id));
    expect(await inbox.append(events(2))).toEqual({ stored: 0, duplicates: 2 });
    expect(await inbox.claim(10)).toEqual([]);
  });

  it("purges done entries done longer ago than the time given, by default none younger than 48 h", async () => {
    const { open, wait, appendEach } = await setUp();
    const inbox = await open();
    await appendEach(inbox, events(2));
    await inbox.complete((await inbox.claim(10)).map((e) => e.id));
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 2, parked: 0 });
    // 48 h: longer than HubSpot retries a delivery (docs/hubspot.md §Webhook delivery), so a late retry is still known.
    expect(await inbox.purgeDone()).toBe(0);
    await wait(20);
    expect(await inbox.purgeDone(10)).toBe(2);
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 0, parked: 0 });
  });

  it("ignores completing an entry twice, or one it never handed out", async () => {
    const { open, appendEach } = await setUp();
    const inbox = await open();
    await appendEach(inbox, events(2));
    const [entry] = await inbox.claim(1);
    await inbox.complete([entry?.id as number]);
    await inbox.complete([entry?.id as number, 987_654_321]);
    expect(await inbox.counts()).toEqual({ pending: 1, processing: 0, done: 1, parked: 0 });
    expect(eventIds(await inbox.claim(10))).toEqual(["2"]);
  });

  it("refuses to fail an entry that is not being processed: never claimed, or completed", async () => {
    const { open } = await setUp();
    const inbox = await open();
    await inbox.append(events(1));
    await expect(inbox.fail(987_654_321, "x")).rejects.toThrow(/not being processed/);
    const entry = onlyEntry(await inbox.claim(1));
    await inbox.complete([entry.id]);
    await expect(inbox.fail(entry.id, "late")).rejects.toThrow(/not being processed/);
  });

  it("retries a failed entry at the time given, not before, with its error and the attempt counted", async () => {
    const { open, now, wait, appendEach } = await setUp();
    const inbox = await open();
    await appendEach(inbox, events(2));
    const [later, sooner] = await inbox.claim(2);
    expect(await inbox.fail(later?.id as number, "HubSpot 502", now() + HOUR_MS)).toBe("pending");
    expect(await inbox.fail(sooner?.id as number, "HubSpot 503", now() + 300)).toBe("pending");
    expect(await inbox.counts()).toMatchObject({ pending: 2, processing: 0, parked: 0 });
    await wait(300);
    const again = onlyEntry(await inbox.claim(10));
    expect(again).toMatchObject({ status: "processing", attempts: 2, lastError: "HubSpot 503" });
    expect(again.event.eventId).toBe("2");
    expect(await inbox.claim(10)).toEqual([]);
  });

  it("retries a failed event alone: the events completed beside it are not handed out again", async () => {
    const { open } = await setUp();
    const inbox = await open();
    await inbox.append(events(3));
    const [a, b, c] = await inbox.claim(10);
    await inbox.fail(b?.id as number, "boom", 0);
    await inbox.complete([a?.id as number, c?.id as number]);
    const again = onlyEntry(await inbox.claim(10));
    expect(again).toMatchObject({ attempts: 2, lastError: "boom" });
    expect(again.event.eventId).toBe("2");
  });

  it("backs off on its own when fail() is given no time, by the attempts made", async () => {
    const { open, appendEach } = await setUp();
    const asked: number[] = [];
    let delayMs = HOUR_MS;
    const inbox = await open({
      backoffMs: (attempts) => {
        asked.push(attempts);
        return delayMs;
      },
    });
    await appendEach(inbox, events(2));
    const [waiting, retried] = await inbox.claim(2);
    expect(await inbox.fail(waiting?.id as number, "slow down")).toBe("pending");
    delayMs = 0;
    expect(await inbox.fail(retried?.id as number, "try again")).toBe("pending");
    const again = onlyEntry(await inbox.claim(10));
    expect(again.event.eventId).toBe("2");
    expect(await inbox.fail(again.id, "and again")).toBe("pending");
    expect(asked).toEqual([1, 1, 2]);
  });

  it("parks an entry whose attempts are used up, listed per portal with its last error, without blocking the rest", async () => {
    const { open } = await setUp();
    const inbox = await open();
    await inbox.append(events(1, 1, 111));
    await inbox.append(events(1, 2, 222));
    const [poison, healthy] = await inbox.claim(10);
    expect(healthy?.event.portalId).toBe(222);
    const outcomes = [await inbox.fail(poison?.id as number, "failure 1", 0)];
    for (let attempt = 2; attempt <= CONTRACT_MAX_ATTEMPTS; attempt++) {
      const entry = onlyEntry(await inbox.claim(10));
      expect([entry.event.portalId, entry.attempts]).toEqual([111, attempt]);
      outcomes.push(await inbox.fail(entry.id, `failure ${attempt}`, 0));
    }
    expect(outcomes).toEqual(["pending", "pending", "parked"]);
    expect(await inbox.claim(10)).toEqual([]);
    const parked = await inbox.parked(111);
    expect(parked.map((e) => [e.event.eventId, e.status, e.attempts, e.lastError])).toEqual([
      ["1", "parked", CONTRACT_MAX_ATTEMPTS, "failure 3"],
    ]);
    expect(parked[0]?.event).toStrictEqual(events(1, 1, 111)[0]);
    expect(await inbox.parked(222)).toEqual([]);
    await inbox.complete([healthy?.id as number]);
    expect(await inbox.counts()).toMatchObject({ pending: 0, processing: 0, parked: 1 });
  });

  it("lists a portal's parked entries oldest first, at most the limit asked", async () => {
    const { open, appendEach } = await setUp();
    const inbox = await open();
    await appendEach(inbox, events(3, 1, 111));
    for (let attempt = 1; attempt <= CONTRACT_MAX_ATTEMPTS; attempt++) {
      const claimed = await inbox.claim(10);
      expect(claimed).toHaveLength(3);
      for (const entry of claimed) await inbox.fail(entry.id, `failure ${attempt}`, 0);
    }
    expect(eventIds(await inbox.parked(111))).toEqual(["1", "2", "3"]);
    expect(eventIds(await inbox.parked(111, 2))).toEqual(["1", "2"]);
  });

  it("counts entries by status, and knows when the oldest open one arrived", async () => {
    const { open, now, wait, appendEach } = await setUp();
    const inbox = await open();
    expect(await inbox.oldestOpenReceivedAtMs()).toBeNull();
    const firstAtMs = now();
    await appendEach(inbox, events(1, 1));
    await wait(10);
    const secondAtMs = now();
    await appendEach(inbox, events(2, 2));
    const oldest = await inbox.oldestOpenReceivedAtMs();
    expect(oldest).toBeGreaterThanOrEqual(firstAtMs);
    expect(oldest).toBeLessThan(secondAtMs);
    const [first, second] = await inbox.claim(2);
    expect(await inbox.counts()).toEqual({ pending: 1, processing: 2, done: 0, parked: 0 });
    // A claimed entry is still open: the lag is the oldest not done.
    expect(await inbox.oldestOpenReceivedAtMs()).toBe(oldest);
    await inbox.complete([first?.id as number]);
    expect(await inbox.counts()).toEqual({ pending: 1, processing: 1, done: 1, parked: 0 });
    expect(await inbox.oldestOpenReceivedAtMs()).toBeGreaterThanOrEqual(secondAtMs);
    await inbox.complete([second?.id as number, ...(await inbox.claim(10)).map((e) => e.id)]);
    expect(await inbox.oldestOpenReceivedAtMs()).toBeNull();
  });

  it("gives back at close what it claimed and did not settle: the next inbox hands it out, the attempt counted", async () => {
    const { open, close, appendEach } = await setUp();
    const first = await open();
    await appendEach(first, events(3));
    const claimed = await first.claim(10);
    expect(claimed).toHaveLength(3);
    await first.complete([claimed[0]?.id as number]);
    await close(first);
    const next = await open();
    expect(await next.counts()).toEqual({ pending: 2, processing: 0, done: 1, parked: 0 });
    // Handed out again: a shared inbox queues them anew, so their order is not asked.
    const again = await next.claim(10);
    expect(eventIds(again).sort()).toEqual(["2", "3"]);
    expect(again.map((e) => e.attempts)).toEqual([2, 2]);
  });

  it("hands out again what a holder that died had claimed, once its claim expired, counting that claim", async () => {
    const { open, claimAndDie, expireClaims, appendEach } = await setUp();
    const inbox = await open();
    await appendEach(inbox, events(3));
    expect(await claimAndDie(inbox, 10)).toBe(3);
    expect(await inbox.claim(10)).toEqual([]);
    await expireClaims();
    // A shared inbox notices expired claims on its own schedule (BullMQ's stalled check).
    const again: InboxEntry[] = [];
    await vi.waitFor(
      async () => {
        again.push(...(await inbox.claim(10)));
        expect(again).toHaveLength(3);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(eventIds(again).sort()).toEqual(["1", "2", "3"]);
    expect(again.map((e) => e.attempts)).toEqual([2, 2, 2]);
  });
}
