import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// docs/architecture.md §Sandbox: the sandbox is a world of its own and talks to the app only over HTTP. What it
// may import is held with every other layer's rule in test/unit/architecture.test.ts.

const dir = new URL("../../../src/sandbox/", import.meta.url).pathname;
const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));

describe("src/sandbox", () => {
  it("reads the environment only in main.ts", () => {
    const offending = files.filter(
      (file) => file !== "main.ts" && /process\.env/.test(readFileSync(join(dir, file), "utf8")),
    );
    expect(offending).toEqual([]);
  });
});
