import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyvScoreStore } from "../../../../src/adapters/stores/keyv-score-store.js";
import { openKeyv } from "../../../../src/adapters/stores/open-keyv.js";
import type { ScoreStore } from "../../../../src/ports/score-store.js";
import { parseDefinition } from "../../../../src/scoring/index.js";
import { definition } from "../../../support/scoring-builders.js";

const def = (id: string, name = "ls_test") => parseDefinition(definition({ id, property: { name } }));
const meta = (change: string, savedAtMs = 1000) => ({ savedBy: "ops@example.com", savedAtMs, change });

describe("keyv score store on SQLite", () => {
  let dir: string;
  let store: ScoreStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "ls-scores-"));
    store = createKeyvScoreStore(await openKeyv(`sqlite://${join(dir, "db.sqlite")}`, "scores"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("numbers revisions from 1 and returns the latest", async () => {
    await store.save(7, def("a"), meta("create"));
    await store.save(7, { ...def("a"), name: "Renamed" }, meta("update", 2000));
    expect((await store.get(7, "a"))?.definition.name).toBe("Renamed");
    expect((await store.revisions(7, "a")).map((r) => [r.revision, r.change, r.savedAtMs])).toEqual([
      [1, "create", 1000],
      [2, "update", 2000],
    ]);
  });

  it("keeps every revision when saves race", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.save(7, def("a"), meta(`save ${i}`))));
    expect((await store.revisions(7, "a")).map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("keeps portals apart", async () => {
    await store.save(7, def("a"), meta("create"));
    await store.save(8, def("b"), meta("create"));
    expect((await store.list(7)).map((r) => r.definition.id)).toEqual(["a"]);
    expect(await store.get(8, "a")).toBeUndefined();
  });

  it("deletes a score and then a whole portal", async () => {
    await store.save(7, def("a"), meta("create"));
    await store.save(7, def("b", "ls_b"), meta("create"));
    expect(await store.delete(7, "a")).toBe(true);
    expect(await store.delete(7, "a")).toBe(false);
    expect((await store.list(7)).map((r) => r.definition.id)).toEqual(["b"]);
    await store.deletePortal(7);
    expect(await store.list(7)).toEqual([]);
    expect(await store.revisions(7, "b")).toEqual([]);
  });
});
