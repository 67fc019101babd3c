import { describe, expect, it } from "vitest";
import { openSqliteDueIndex } from "../../../../src/adapters/queue/sqlite-due-index.js";

describe("openSqliteDueIndex", () => {
  it("answers what is due, earliest first, and forgets records set to null", async () => {
    const index = openSqliteDueIndex({ file: ":memory:" });
    await index.set(
      1,
      "contacts",
      new Map([
        ["a", 300],
        ["b", 100],
        ["c", 200],
      ]),
    );
    await index.set(2, "companies", new Map([["x", 150]]));
    expect((await index.due(200, 10)).map((d) => `${d.portalId}:${d.recordId}`)).toEqual([
      "1:b",
      "2:x",
      "1:c",
    ]);
    expect(await index.due(200, 1)).toEqual([
      { portalId: 1, object: "contacts", recordId: "b", dueAtMs: 100 },
    ]);
    await index.set(
      1,
      "contacts",
      new Map<string, number | null>([
        ["b", null],
        ["c", 500],
      ]),
    );
    expect((await index.due(400, 10)).map((d) => d.recordId)).toEqual(["x", "a"]);
    await index.remove(2, "companies", ["x"]);
    await index.removePortal(1);
    expect(await index.count()).toBe(0);
    await index.close();
  });

  it("lowers due times, never raises them, and adds records it did not hold", async () => {
    const index = openSqliteDueIndex({ file: ":memory:" });
    await index.set(
      1,
      "contacts",
      new Map([
        ["a", 300],
        ["b", 100],
      ]),
    );
    await index.lower(
      1,
      "contacts",
      new Map([
        ["a", 200],
        ["b", 400],
        ["c", 500],
      ]),
    );
    expect((await index.due(1_000, 10)).map((d) => [d.recordId, d.dueAtMs])).toEqual([
      ["b", 100],
      ["a", 200],
      ["c", 500],
    ]);
    await index.close();
  });
});
