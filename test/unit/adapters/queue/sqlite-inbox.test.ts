import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { prepareInboxDatabase } from "../../../../src/adapters/queue/inbox-schema.js";
import { openSqliteInbox, type SqliteInboxOptions } from "../../../../src/adapters/queue/sqlite-inbox.js";
import { parseWebhookBatch } from "../../../../src/hubspot/parse-webhook-batch.js";
import type { WebhookEvent } from "../../../../src/hubspot/webhook-event.js";
import type { Inbox } from "../../../../src/ports/inbox.js";
import { createDummyBatch, T0 } from "../../../fixtures/hubspot/webhook-payloads.js";
import { CONTRACT_MAX_ATTEMPTS, inboxContract } from "../../../support/inbox-contract.js";

// On a real SQLite file in a temp folder, with an injected clock (docs/architecture.md §Tests): the contract every
// inbox keeps, then what is SQLite's own (group commit, statements, the file, crash recovery).

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

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ls-inbox-"));
  file = join(dir, "data", "inbox.sqlite");
  clock.nowMs = T0;
});
afterEach(async () => {
  for (const inbox of opened.splice(0)) await inbox.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe("SQLite inbox: the inbox contract", () => {
  const LEASE_MS = 60_000;
  inboxContract(async () => {
    // Its own folder, with a data/ subfolder the inbox must create, and its own clock.
    const folder = mkdtempSync(join(tmpdir(), "ls-inbox-contract-"));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const at = { nowMs: T0 };
    return {
      open: async (options) =>
        openSqliteInbox({
          file: join(folder, "data", "inbox.sqlite"),
          now: () => at.nowMs,
          maxAttempts: CONTRACT_MAX_ATTEMPTS,
          leaseMs: LEASE_MS,
          ...options,
        }),
      now: () => at.nowMs,
      wait: async (ms) => {
        at.nowMs += ms;
      },
      // One process owns the file: a holder that dies is this inbox hanging on its claims.
      claimAndDie: async (inbox, limit) => (await inbox.claim(limit)).length,
      expireClaims: async () => {
        at.nowMs += LEASE_MS;
      },
    };
  });
});

describe("SQLite inbox: append", () => {
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

describe("SQLite inbox: after a crash", () => {
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
