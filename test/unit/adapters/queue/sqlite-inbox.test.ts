import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareInboxDatabase } from "../../../../src/adapters/queue/inbox-schema.js";
import {
  DONE_RETENTION_MS,
  openSqliteInbox,
  type SqliteInboxOptions,
} from "../../../../src/adapters/queue/sqlite-inbox.js";
import { parseWebhookBatch } from "../../../../src/hubspot/parse-webhook-batch.js";
import type { WebhookEvent } from "../../../../src/hubspot/webhook-event.js";
import type { Inbox } from "../../../../src/ports/inbox.js";
import {
  contactMerge,
  createDummyBatch,
  legacyAssociationChange,
  T0,
} from "../../../fixtures/hubspot/webhook-payloads.js";

// On a real SQLite file in a temp folder, with an injected clock (STYLE.md §8).

let dir: string;
let file: string;
const clock = { nowMs: T0 };
const opened: Inbox[] = [];
const open = (options: Partial<SqliteInboxOptions> = {}) => {
  const inbox = openSqliteInbox({ file, now: () => clock.nowMs, maxAttempts: 3, ...options });
  opened.push(inbox);
  return inbox;
};
const events = (count: number, firstEventId = 1, portalId = 62515): WebhookEvent[] =>
  parseWebhookBatch(createDummyBatch(count, firstEventId, portalId));
const eventIds = (entries: { event: WebhookEvent }[]) => entries.map((e) => e.event.eventId);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ls-inbox-"));
  file = join(dir, "data", "inbox.sqlite");
  clock.nowMs = T0;
});
afterEach(async () => {
  for (const inbox of opened.splice(0)) await inbox.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe("SQLite inbox: append", () => {
  it("stores a delivery's events as pending, creating the data folder", async () => {
    const inbox = open();
    expect(await inbox.append(events(3))).toEqual({ stored: 3, duplicates: 0 });
    expect(await inbox.counts()).toEqual({ pending: 3, processing: 0, done: 0, parked: 0 });
  });

  it("stores a retried delivery once, though HubSpot bumped its attemptNumber", async () => {
    const inbox = open();
    await inbox.append(events(3));
    const retry = parseWebhookBatch(createDummyBatch(3).map((e) => ({ ...e, attemptNumber: 1 })));
    expect(await inbox.append(retry)).toEqual({ stored: 0, duplicates: 3 });
    expect(await inbox.append([...events(1, 3), ...events(2, 4)])).toEqual({ stored: 2, duplicates: 1 });
    expect((await inbox.counts()).pending).toBe(5);
  });

  it("stores all of a delivery or nothing (one transaction per delivery)", async () => {
    const inbox = open();
    const batch = events(3);
    (batch[2] as unknown as { propertyValue: bigint }).propertyValue = 1n; // JSON.stringify throws on the third event
    await expect(inbox.append(batch)).rejects.toThrow(/BigInt/);
    expect((await inbox.counts()).pending).toBe(0);
  });

  it("stores a delivery of more than one statement's rows whole, or none of it", async () => {
    const inbox = open();
    expect(await inbox.append(events(250))).toEqual({ stored: 250, duplicates: 0 });
    const batch = events(250, 1_000);
    (batch[240] as unknown as { propertyValue: bigint }).propertyValue = 1n; // fails the third statement
    await expect(inbox.append(batch)).rejects.toThrow(/BigInt/);
    expect((await inbox.counts()).pending).toBe(250);
  });

  it("commits deliveries sent together in one go: a failing one stores none of its events, the others all", async () => {
    const inbox = open();
    await inbox.append([]); // creates the file's tables before the trigger below
    // A failure inside SQLite, from another connection: any row of portal 666 aborts its statement.
    const other = new Database(file);
    other.exec(`CREATE TRIGGER poison BEFORE INSERT ON webhook_inbox WHEN NEW.portal_id = 666
                BEGIN SELECT RAISE(ABORT, 'poisoned row'); END`);
    // 250 events: its first two statements (200 rows) succeed before the third fails.
    const poisoned = [...events(200, 10_000), ...events(1, 10_200, 666), ...events(49, 10_201)];
    const results = await Promise.allSettled([
      inbox.append(events(100, 1)),
      inbox.append(poisoned),
      inbox.append(events(100, 101)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: "poisoned row" });
    // Resolved means committed: another connection sees both good deliveries whole, none of the bad.
    const has = other.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM webhook_inbox WHERE dedupe_key = ?",
    );
    const storedOf = (batch: WebhookEvent[]) => batch.filter((e) => has.get(e.dedupeKey)?.n === 1).length;
    expect(storedOf(events(200, 1))).toBe(200);
    expect(storedOf(poisoned)).toBe(0);
    other.close();
  });

  it("rejects every delivery of a group whose transaction SQLite rolled back, and stores none of them", async () => {
    const inbox = open();
    await inbox.append([]);
    const other = new Database(file);
    other.exec(`CREATE TRIGGER poison BEFORE INSERT ON webhook_inbox WHEN NEW.portal_id = 666
                BEGIN SELECT RAISE(ROLLBACK, 'whole transaction rolled back'); END`);
    const results = await Promise.allSettled([
      inbox.append(events(100, 1)),
      inbox.append(events(1, 101, 666)),
      inbox.append(events(100, 102)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await inbox.counts()).toEqual({ pending: 0, processing: 0, done: 0, parked: 0 });
    // HubSpot retries them; the inbox takes them then.
    other.exec("DROP TRIGGER poison");
    other.close();
    expect(await inbox.append(events(100, 1))).toEqual({ stored: 100, duplicates: 0 });
  });

  it("opens its file in WAL mode, with synchronous=NORMAL by default and FULL with fsync", () => {
    const db = new Database(":memory:");
    prepareInboxDatabase(db, false);
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    prepareInboxDatabase(db, true);
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    db.close();
    open({ fsync: true });
    const reader = new Database(file, { readonly: true });
    expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
    reader.close();
  });
});

describe("SQLite inbox: stored events", () => {
  it("gives back each event exactly as appended, association and merge fields included", async () => {
    const inbox = open();
    const appended = parseWebhookBatch([legacyAssociationChange, contactMerge, ...createDummyBatch(2)]);
    await inbox.append(appended);
    expect((await inbox.claim(10)).map((e) => e.event)).toStrictEqual(appended);
  });

  it("reads rows stored in the earlier format, the event's JSON object", async () => {
    const inbox = open();
    await inbox.append([]);
    const [legacy] = events(1, 77);
    if (!legacy) throw new Error("fixture");
    const other = new Database(file);
    other
      .prepare(
        `INSERT INTO webhook_inbox (dedupe_key, portal_id, event, status, available_at_ms, received_at_ms, updated_at_ms)
         VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(legacy.dedupeKey, legacy.portalId, JSON.stringify(legacy), T0, T0, T0);
    other.close();
    expect((await inbox.claim(1))[0]?.event).toStrictEqual(legacy);
    expect(await inbox.append([legacy])).toEqual({ stored: 0, duplicates: 1 });
  });
});

describe("SQLite inbox: claim, complete, fail", () => {
  it("claims the oldest entries first, up to the limit, and not twice", async () => {
    const inbox = open();
    await inbox.append(events(2, 1));
    await inbox.append(events(2, 3));
    const first = await inbox.claim(3);
    expect(eventIds(first)).toEqual(["1", "2", "3"]);
    expect(first.map((e) => [e.status, e.attempts])).toEqual([
      ["processing", 1],
      ["processing", 1],
      ["processing", 1],
    ]);
    expect(eventIds(await inbox.claim(10))).toEqual(["4"]);
    expect(await inbox.claim(10)).toEqual([]);
  });

  it("completes entries, and purges them 48 hours later, not before", async () => {
    const inbox = open();
    await inbox.append(events(2));
    await inbox.complete((await inbox.claim(10)).map((e) => e.id));
    expect(await inbox.counts()).toMatchObject({ processing: 0, done: 2 });
    clock.nowMs += DONE_RETENTION_MS;
    expect(await inbox.purgeDone()).toBe(0);
    // Until purged, a late retry is still recognised.
    expect(await inbox.append(events(2))).toEqual({ stored: 0, duplicates: 2 });
    clock.nowMs += 1;
    expect(await inbox.purgeDone()).toBe(2);
    expect(await inbox.counts()).toMatchObject({ done: 0 });
  });

  it("retries a failed entry at the time given, not before", async () => {
    const inbox = open();
    await inbox.append(events(1));
    const [entry] = await inbox.claim(1);
    expect(await inbox.fail(entry?.id as number, "HubSpot 502", T0 + 60_000)).toBe("pending");
    clock.nowMs = T0 + 59_999;
    expect(await inbox.claim(1)).toEqual([]);
    clock.nowMs = T0 + 60_000;
    const [again] = await inbox.claim(1);
    expect(again).toMatchObject({ id: entry?.id, attempts: 2, lastError: "HubSpot 502" });
  });

  it("backs off on its own when fail() is given no time", async () => {
    const inbox = open({ backoffMs: (attempts) => attempts * 1_000 });
    await inbox.append(events(1));
    const [entry] = await inbox.claim(1);
    await inbox.fail(entry?.id as number, "boom");
    clock.nowMs = T0 + 999;
    expect(await inbox.claim(1)).toEqual([]);
    clock.nowMs = T0 + 1_000;
    expect(await inbox.claim(1)).toHaveLength(1);
  });

  it("parks an entry after maxAttempts, listed per portal with its last error, without blocking the rest", async () => {
    const inbox = open();
    await inbox.append(events(1, 1, 111));
    await inbox.append(events(1, 2, 222));
    let outcome = "";
    for (let i = 0; i < 3; i++) {
      const [entry] = await inbox.claim(1);
      expect(entry?.event.portalId).toBe(111);
      outcome = await inbox.fail(entry?.id as number, `failure ${i + 1}`, clock.nowMs);
    }
    expect(outcome).toBe("parked");
    const parked = await inbox.parked(111);
    expect(parked.map((e) => [e.event.eventId, e.status, e.attempts, e.lastError])).toEqual([
      ["1", "parked", 3, "failure 3"],
    ]);
    expect(await inbox.parked(222)).toEqual([]);
    expect(eventIds(await inbox.claim(10))).toEqual(["2"]);
  });

  it("refuses to fail an entry that is not being processed", async () => {
    const inbox = open();
    await inbox.append(events(1));
    await expect(inbox.fail(1, "x")).rejects.toThrow(/not being processed/);
  });

  it("lets another claim take an entry whose lease ran out (a hung worker)", async () => {
    const inbox = open({ leaseMs: 10_000 });
    await inbox.append(events(1));
    await inbox.claim(1);
    clock.nowMs = T0 + 9_999;
    expect(await inbox.claim(1)).toEqual([]);
    clock.nowMs = T0 + 10_000;
    expect((await inbox.claim(1))[0]?.attempts).toBe(2);
  });
});

describe("SQLite inbox: after a crash", () => {
  it("reopening the file puts entries left processing back to pending, keeping done ones done", async () => {
    const crashed = open(); // never closed: as if the process died
    await crashed.append(events(3));
    const claimed = await crashed.claim(2);
    await crashed.complete([claimed[0]?.id as number]);

    const restarted = open();
    expect(await restarted.counts()).toEqual({ pending: 2, processing: 0, done: 1, parked: 0 });
    expect(eventIds(await restarted.claim(10))).toEqual(["2", "3"]);
  });

  it("parks an entry whose claims are used up instead of crashing on it forever", async () => {
    let inbox = open();
    await inbox.append(events(1));
    for (let i = 0; i < 3; i++) {
      expect(await inbox.claim(1)).toHaveLength(1);
      inbox = open(); // the event killed the process again
    }
    expect(await inbox.claim(1)).toEqual([]);
    expect((await inbox.parked(62515))[0]?.lastError).toMatch(/abandoned while processing/);
  });
});
