import { describe, expect, it } from "vitest";
import { createTokenCipher } from "../../../../src/adapters/crypto/token-cipher.js";
import { AppError } from "../../../../src/errors.js";
import { OTHER_KEY, TEST_KEY } from "../../../fixtures/installation.js";

const TOKEN = "CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4";

function flipOneByte(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part] as string, "base64url");
  bytes[0] = (bytes[0] as number) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("createTokenCipher (AES-256-GCM)", () => {
  const cipher = createTokenCipher(TEST_KEY);

  it("round-trips a token and never contains it in clear text", () => {
    const sealed = cipher.seal(TOKEN, "portal:1");
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(cipher.open(sealed, "portal:1")).toBe(TOKEN);
  });

  it("uses a fresh IV: sealing the same token twice gives different values", () => {
    expect(cipher.seal(TOKEN, "portal:1")).not.toBe(cipher.seal(TOKEN, "portal:1"));
  });

  it.each([
    ["the IV", 1],
    ["the tag", 2],
    ["the ciphertext", 3],
  ])("detects tampering with %s", (_name, part) => {
    const sealed = flipOneByte(cipher.seal(TOKEN, "portal:1"), part);
    expect(() => cipher.open(sealed, "portal:1")).toThrowError(AppError);
  });

  it("refuses a value sealed with another key, naming the fix but not the token", () => {
    const sealed = createTokenCipher(OTHER_KEY).seal(TOKEN, "portal:1");
    expect(() => cipher.open(sealed, "portal:1")).toThrowError(/ENCRYPTION_KEY changed/);
    try {
      cipher.open(sealed, "portal:1");
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(TOKEN);
    }
  });

  it("refuses a value sealed for another portal (context is authenticated)", () => {
    expect(() => cipher.open(cipher.seal(TOKEN, "portal:1"), "portal:2")).toThrowError(AppError);
  });

  it("refuses malformed values and bad keys", () => {
    expect(() => cipher.open("v1.abc", "portal:1")).toThrowError(AppError);
    expect(() => cipher.open(`v2${cipher.seal(TOKEN, "p").slice(2)}`, "p")).toThrowError(AppError);
    expect(() => createTokenCipher("abc")).toThrowError(/64 hex/);
  });
});
