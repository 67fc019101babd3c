import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyvFeedEventStore } from "../../../../src/adapters/stores/keyv-feed-event-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import type { FeedEvent, FeedEventStore } from "../../../../src/ports/feed-event-store.js";

const event = (key: string, day: number, type = "marketing_email_open"): FeedEvent => ({
  key,
  type,
  occurredAt: new Date(Date.UTC(2026, 10, day)).toISOString(),
  properties: { campaign: "42" },
});

describe("keyv feed event store on SQLite", () => {
  let dir: string;
  let store: FeedEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "ls-feeds-"));
    store = createKeyvFeedEventStore(await openKeyv(`sqlite://${join(dir, "db.sqlite")}`, "feed-events"), 3);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("adds events once by their key, oldest first, and names only the contacts whose events changed", async () => {
    expect(await store.add(7, "email_events", new Map([["1", [event("a", 3), event("b", 1)]]]))).toEqual([
      "1",
    ]);
    const again = new Map([
      ["1", [event("a", 3)]],
      ["2", [event("c", 2)]],
    ]);
    expect(await store.add(7, "email_events", again)).toEqual(["2"]);
    expect(await store.add(7, "email_events", new Map([["2", [event("d", 4), event("d", 4)]]]))).toEqual([
      "2",
    ]);
    const held = await store.events(7, ["1", "2", "3"]);
    expect([...held.keys()].sort()).toEqual(["1", "2"]);
    expect(held.get("1")?.map((e) => e.key)).toEqual(["b", "a"]);
    expect(held.get("2")?.map((e) => e.key)).toEqual(["c", "d"]);
  });

  it("merges both feeds per contact oldest first, and keeps only the newest events of a feed past its bound", async () => {
    await store.add(7, "email_events", new Map([["1", [1, 2, 3, 4, 5].map((d) => event(`e${d}`, d))]]));
    await store.add(7, "form_submissions", new Map([["1", [event("f1", 1, "form_submission")]]]));
    expect((await store.events(7, ["1"])).get("1")?.map((e) => e.key)).toEqual(["f1", "e3", "e4", "e5"]);
    // An event older than everything held, past the bound, is not kept: the contact did not change.
    expect(await store.add(7, "email_events", new Map([["1", [event("e0", 0)]]]))).toEqual([]);
    expect((await store.events(7, ["1"])).get("1")?.map((e) => e.key)).toEqual(["f1", "e3", "e4", "e5"]);
  });

  it("keeps the events of concurrent adds to one contact", async () => {
    await Promise.all(
      [1, 2, 3].map((d) => store.add(7, "form_submissions", new Map([["1", [event(`f${d}`, d)]]]))),
    );
    expect((await store.events(7, ["1"])).get("1")?.map((e) => e.key)).toEqual(["f1", "f2", "f3"]);
  });

  it("keeps cursors, errors and pending events per portal and feed; erases a contact and a portal", async () => {
    const cursor = {
      sinceMs: 5,
      fromMs: 1,
      lastError: { atMs: 6, code: "forbidden", message: "no scope" },
      lastSuccessMs: null,
    };
    await store.setCursor(7, "email_events", cursor);
    expect(await store.cursor(7, "email_events")).toEqual(cursor);
    expect(await store.cursor(7, "form_submissions")).toBeUndefined();
    expect(await store.cursor(8, "email_events")).toBeUndefined();
    const pending = [{ email: "x@acme.test", event: event("p", 1), firstSeenMs: 9 }];
    await store.setPending(7, "form_submissions", pending);
    expect(await store.pending(7, "form_submissions")).toEqual(pending);
    expect(await store.pending(7, "email_events")).toEqual([]);

    await store.add(
      7,
      "email_events",
      new Map([
        ["1", [event("a", 1)]],
        ["2", [event("b", 1)]],
      ]),
    );
    await store.add(70, "email_events", new Map([["1", [event("a", 1)]]]));
    await store.deleteContact(7, "1");
    expect([...(await store.events(7, ["1", "2"])).keys()]).toEqual(["2"]);
    await store.deletePortal(7);
    expect((await store.events(7, ["2"])).size).toBe(0);
    expect(await store.cursor(7, "email_events")).toBeUndefined();
    expect((await store.events(70, ["1"])).size).toBe(1);
  });
});
