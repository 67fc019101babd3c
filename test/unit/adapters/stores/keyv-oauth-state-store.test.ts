import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Keyv } from "keyv";
import { describe, expect, it } from "vitest";
import { createKeyvOAuthStateStore } from "../../../../src/adapters/stores/keyv-oauth-state-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";

// Used OAuth states (docs/decisions.md §OAuth state): each is accepted once, by every store over the
// same database, and forgotten once it would have expired anyway.

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

describe("keyv OAuth state store (sqlite)", () => {
  it("accepts a state once, to one of two racing callbacks, and never again", async () => {
    const store = createKeyvOAuthStateStore(await openKeyv("sqlite://:memory:", "oauth-states"), () => T0);
    const [a, b] = await Promise.all([store.consume("s1", T0 + 600_000), store.consume("s1", T0 + 600_000)]);
    expect([a, b].sort()).toEqual([false, true]);
    expect(await store.consume("s1", T0 + 600_000)).toBe(false);
    expect(await store.consume("s2", T0 + 600_000)).toBe(true);
  });

  it("remembers a used state across a restart and for another instance on the same database", async () => {
    const uri = `sqlite://${join(mkdtempSync(join(tmpdir(), "ls-states-")), "lead-score.sqlite")}`;
    const first = await openKeyv<number>(uri, "oauth-states");
    expect(await createKeyvOAuthStateStore(first, () => T0).consume("s1", T0 + 600_000)).toBe(true);
    await first.disconnect();
    const second = await openKeyv<number>(uri, "oauth-states");
    expect(await createKeyvOAuthStateStore(second, () => T0).consume("s1", T0 + 600_000)).toBe(false);
    await second.disconnect();
  });

  it("keeps a used state only for the state's remaining lifetime", async () => {
    const entries = new Map<string, string>();
    const store = createKeyvOAuthStateStore(new Keyv<number>({ store: entries }), () => T0 + 1_000);
    const before = Date.now();
    expect(await store.consume("s1", T0 + 600_000)).toBe(true);
    const [[key, raw]] = [...entries.entries()] as [[string, string]];
    expect(key).toBe("keyv:used:s1");
    // keyv stamps the expiry from its own clock: now + (state's expiry − the store's now).
    const { expires } = JSON.parse(raw) as { expires: number };
    expect(expires - before).toBeGreaterThanOrEqual(599_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(599_000);
  });
});
