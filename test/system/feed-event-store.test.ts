import { describe, expect, it } from "vitest";
import { createKeyvFeedEventStore } from "../../src/adapters/stores/keyv-feed-event-store.js";
import type { FeedEvent } from "../../src/ports/feed-event-store.js";
import { STORE_BACKENDS } from "./support/store-backends.js";
import { useStoreServer } from "./support/use-store-server.js";

// The feed event store (docs/decisions.md §Portal-wide feeds) on every DATABASE_URL backend the app
// supports: several contacts' events read in one call, dedupe, cursors, and erasure.

const event = (key: string, day: number): FeedEvent => ({
  key,
  type: "marketing_email_open",
  occurredAt: new Date(Date.UTC(2026, 10, day)).toISOString(),
  properties: { campaign: "42", campaign_name: "Launch", email_name: "Launch", subject: "Hi" },
});

describe.each(STORE_BACKENDS)("feed event store on $name", { timeout: 30_000 }, (backend) => {
  const stores = useStoreServer(backend);

  async function emptyStore() {
    const keyv: Parameters<typeof createKeyvFeedEventStore>[0] = await stores.open(
      await stores.server().emptyStore(),
      "feed-events",
    );
    return createKeyvFeedEventStore(keyv);
  }

  it("keeps events per contact deduped, reads many contacts at once, and erases a contact and a portal", async () => {
    const store = await emptyStore();
    expect(
      await store.add(
        7,
        "email_events",
        new Map([
          ["1", [event("a", 2), event("b", 1)]],
          ["2", [event("c", 3)]],
        ]),
      ),
    ).toEqual(["1", "2"]);
    expect(await store.add(7, "email_events", new Map([["1", [event("a", 2)]]]))).toEqual([]);
    await store.add(7, "form_submissions", new Map([["1", [{ ...event("f", 3), type: "form_submission" }]]]));
    const held = await store.events(7, ["1", "2", "3"]);
    expect(held.get("1")?.map((e) => e.key)).toEqual(["b", "a", "f"]);
    expect(held.get("2")?.map((e) => e.key)).toEqual(["c"]);
    expect(held.has("3")).toBe(false);

    await store.setCursor(7, "email_events", { sinceMs: 5, fromMs: 1, lastError: null, lastSuccessMs: 5 });
    expect(await store.cursor(7, "email_events")).toEqual({
      sinceMs: 5,
      fromMs: 1,
      lastError: null,
      lastSuccessMs: 5,
    });
    await store.add(70, "email_events", new Map([["1", [event("a", 2)]]]));
    await store.deleteContact(7, "2");
    expect([...(await store.events(7, ["1", "2"])).keys()]).toEqual(["1"]);
    await store.deletePortal(7);
    expect((await store.events(7, ["1"])).size).toBe(0);
    expect(await store.cursor(7, "email_events")).toBeUndefined();
    expect((await store.events(70, ["1"])).size).toBe(1);
  });
});
