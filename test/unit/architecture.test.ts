import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// STYLE.md §1–2: the engine and the protocol code are pure, and one door leads to HubSpot.

const root = new URL("../../src/", import.meta.url).pathname;
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)].map((m) => ({
    typeOnly: Boolean(m[1]),
    from: m[2] as string,
  }));

describe("architecture", () => {
  // Signatures are computation, so the protocol code may hash; neither may do I/O.
  it.each([
    ["scoring", ["zod"]],
    ["hubspot", ["zod", "node:crypto", "../errors.js"]],
  ])("src/%s imports nothing but %j and its own modules", (dir, allowed) => {
    const offending = filesUnder(dir).flatMap((file) =>
      importsOf(file)
        .filter((i) => !i.typeOnly && !i.from.startsWith("./") && !allowed.includes(i.from))
        .map((i) => `${file}: ${i.from}`),
    );
    expect(offending).toEqual([]);
  });

  it("src/scoring reads no clock and no environment", () => {
    const offending = filesUnder("scoring").filter((file) =>
      /Date\.now\(|new Date\(\)|process\.|performance\.now/.test(readFileSync(file, "utf8")),
    );
    expect(offending).toEqual([]);
  });

  it("only src/adapters/hubspot-client imports @hubspot/api-client at run time", () => {
    const offending = filesUnder(".")
      .filter((file) => !file.includes("/adapters/hubspot-client/"))
      .filter((file) => importsOf(file).some((i) => !i.typeOnly && i.from.startsWith("@hubspot/api-client")));
    expect(offending).toEqual([]);
  });
});
