import { describe, expect, it } from "vitest";
import { decodeSignatureUri } from "../../../src/hubspot/decode-signature-uri.js";

describe("decodeSignatureUri (docs/hubspot.md §Webhook signatures (v3) step 2)", () => {
  it("decodes each of HubSpot's twelve escapes", () => {
    expect(decodeSignatureUri("%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B")).toBe(":/?@!$'()*,;");
  });

  it("decodes them in lower case too", () => {
    expect(decodeSignatureUri("%3a%2f%2a")).toBe(":/*");
  });

  it("leaves every other escape and the query's own ? alone", () => {
    const uri = "https://ls.example.com/webhooks/hubspot?q=a%20b%25c%26d%3De&x=%2B";
    expect(decodeSignatureUri(uri)).toBe(uri);
  });

  it("decodes an escape once, not recursively", () => {
    expect(decodeSignatureUri("%253A")).toBe("%253A");
  });

  it("works on a full URL with a query", () => {
    expect(decodeSignatureUri("https://h.example.com/p%40x?redirect=https%3A%2F%2Fa.b%2Fc")).toBe(
      "https://h.example.com/p@x?redirect=https://a.b/c",
    );
  });
});
