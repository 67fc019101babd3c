import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// STYLE.md layout: the sandbox is a world of its own and talks to the app only over HTTP. It may
// take `import type`s from the SDK's models to type its answers, never run the SDK.

const dir = new URL("../../../src/sandbox/", import.meta.url).pathname;
const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));
const importsOf = (file: string) =>
  [...readFileSync(join(dir, file), "utf8").matchAll(/^import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)].map(
    (m) => ({
      typeOnly: Boolean(m[1]),
      from: m[2] as string,
    }),
  );

describe("src/sandbox", () => {
  // One exception: HubSpot signs webhooks, so the sandbox signs them with the app's pure protocol
  // code (the sandbox's webhook sender, docs/decisions.md §Sandbox portal); it is computation, it knows
  // nothing of the app.
  const allowed = new Set(["post-signed-webhook.ts: ../hubspot/sign-webhook-v3.js"]);

  it("imports nothing from the app's own folders but the v3 signing function", () => {
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((i) => i.from.startsWith("../") || i.from.startsWith("/"))
        .filter((i) => !allowed.has(`${file}: ${i.from}`))
        .map((i) => `${file}: ${i.from}`),
    );
    expect(offending).toEqual([]);
  });

  it("uses @hubspot/api-client for types only", () => {
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((i) => i.from.startsWith("@hubspot/") && !i.typeOnly)
        .map((i) => `${file}: ${i.from}`),
    );
    expect(offending).toEqual([]);
  });

  it("reads the environment only in main.ts", () => {
    const offending = files.filter(
      (file) => file !== "main.ts" && /process\.env/.test(readFileSync(join(dir, file), "utf8")),
    );
    expect(offending).toEqual([]);
  });
});
