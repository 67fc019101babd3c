import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { openSqliteDueIndex } from "../../../../src/adapters/queue/sqlite-due-index.js";
import { dueIndexContract } from "../../../support/due-index-contract.js";

describe("openSqliteDueIndex", () => {
  dueIndexContract(async () => openSqliteDueIndex({ file: ":memory:" }));

  it("keeps what it wrote after its file is closed and opened again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ls-due-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "data", "due.sqlite");
    const before = openSqliteDueIndex({ file });
    await before.set(7, "contacts", new Map([["1", 100]]));
    await before.close();
    const after = openSqliteDueIndex({ file });
    onTestFinished(() => after.close());
    expect(await after.due(100, 10)).toEqual([
      { portalId: 7, object: "contacts", recordId: "1", dueAtMs: 100 },
    ]);
  });
});
