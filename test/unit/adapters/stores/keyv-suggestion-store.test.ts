import { describe, expect, it } from "vitest";
import { createKeyvSuggestionStore } from "../../../../src/adapters/stores/keyv-suggestion-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import type { StoredSuggestion } from "../../../../src/ports/suggestion-store.js";
import { createDummySuggestion } from "../../../fixtures/suggest/suggestion.js";

async function openStore() {
  return createKeyvSuggestionStore(await openKeyv<StoredSuggestion>("sqlite://:memory:", "suggestions"));
}

describe("keyv suggestion store (sqlite)", () => {
  it("keeps a suggestion per portal and score, and reads it back whole", async () => {
    const store = await openStore();
    const suggestion = createDummySuggestion();
    await store.save(7, "fit-suggested", suggestion);
    expect(await store.get(7, "fit-suggested")).toEqual(suggestion);
    expect(await store.get(8, "fit-suggested")).toBeUndefined();
    expect(await store.get(7, "other")).toBeUndefined();
  });

  it("deletes one score's suggestion, answering whether there was one", async () => {
    const store = await openStore();
    await store.save(7, "a", createDummySuggestion());
    await store.save(7, "b", createDummySuggestion());
    expect(await store.delete(7, "a")).toBe(true);
    expect(await store.delete(7, "a")).toBe(false);
    expect(await store.get(7, "b")).toBeDefined();
  });

  it("erases one portal's suggestions and keeps those of a portal whose id extends it", async () => {
    const store = await openStore();
    await store.save(7, "a", createDummySuggestion());
    await store.save(70, "a", createDummySuggestion());
    await store.deletePortal(7);
    expect(await store.get(7, "a")).toBeUndefined();
    expect(await store.get(70, "a")).toBeDefined();
  });
});
