import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENCRYPTION_KEY_FILE, loadEncryptionKey } from "../../../src/compose/load-encryption-key.js";

function recorder() {
  const lines: string[] = [];
  const log = (obj: object, msg: string) => lines.push(`${msg} ${JSON.stringify(obj)}`);
  return { lines, logger: { info: log, warn: log } };
}

describe("loadEncryptionKey", () => {
  it("returns the configured key without touching the disk", () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ls-key-")), "never-created");
    const { lines, logger } = recorder();
    expect(loadEncryptionKey({ encryptionKey: "ab".repeat(32), dataDir }, logger)).toBe("ab".repeat(32));
    expect(() => statSync(dataDir)).toThrow();
    expect(lines).toEqual([]);
  });

  it("generates a key once in sandbox mode, mode 0600, says so, and reuses it", () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ls-key-")), "data");
    const first = recorder();
    const key = loadEncryptionKey({ encryptionKey: undefined, dataDir }, first.logger);
    const path = join(dataDir, ENCRYPTION_KEY_FILE);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(first.lines).toHaveLength(1);
    expect(first.lines[0]).toContain("generated ENCRYPTION_KEY");
    expect(first.lines[0]).not.toContain(key);

    const second = recorder();
    expect(loadEncryptionKey({ encryptionKey: undefined, dataDir }, second.logger)).toBe(key);
    expect(second.lines[0]).toContain("using ENCRYPTION_KEY stored in");
  });

  it("tightens a key file readable by others and refuses a corrupt one", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ls-key-"));
    const path = join(dataDir, ENCRYPTION_KEY_FILE);
    writeFileSync(path, `${"cd".repeat(32)}\n`, { mode: 0o644 });
    const { lines, logger } = recorder();
    expect(loadEncryptionKey({ encryptionKey: undefined, dataDir }, logger)).toBe("cd".repeat(32));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(lines.join("\n")).toContain("reset its mode to 0600");

    writeFileSync(path, "garbage");
    expect(() => loadEncryptionKey({ encryptionKey: undefined, dataDir }, logger)).toThrowError(/64-hex/);
    expect(readFileSync(path, "utf8")).toBe("garbage");
  });
});
