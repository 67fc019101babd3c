import { Signature } from "@hubspot/api-client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { signWebhookV3 } from "../../../src/hubspot/sign-webhook-v3.js";
import { V3_MAX_AGE_MS, V3_MAX_AHEAD_MS, verifyWebhookV3 } from "../../../src/hubspot/verify-webhook-v3.js";

// docs/hubspot.md §Webhook signatures (v3) vector (computed with node:crypto; HubSpot publishes none for v3).
const SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const URI = "https://www.example.com/webhook_uri";
const BODY = '{"example_field":"example_value"}';
const TS = 1700000000000;
const VECTOR = "rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=";

const request = (overrides: Partial<Parameters<typeof verifyWebhookV3>[0]> = {}) => ({
  clientSecret: SECRET,
  method: "POST",
  uri: URI,
  body: BODY,
  signature: VECTOR,
  timestamp: String(TS),
  nowMs: TS,
  ...overrides,
});

function reasonOf(input: Parameters<typeof verifyWebhookV3>[0]): unknown {
  try {
    verifyWebhookV3(input);
    return "accepted";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unauthorized");
    expect((error as AppError).message).not.toContain(SECRET);
    return (error as AppError).details.reason;
  }
}

describe("signWebhookV3", () => {
  it("matches the known answer of docs/hubspot.md §Webhook signatures (v3)", () => {
    expect(
      signWebhookV3({ clientSecret: SECRET, method: "POST", uri: URI, body: BODY, timestampMs: TS }),
    ).toBe(VECTOR);
  });

  it("signs bytes and text alike", () => {
    const input = { clientSecret: SECRET, method: "POST", uri: URI, timestampMs: TS };
    expect(signWebhookV3({ ...input, body: Buffer.from(BODY) })).toBe(VECTOR);
  });

  it("agrees with the SDK's Signature.getSignature for any request without escapes", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("POST", "GET", "PUT"),
        fc.webPath(),
        fc.string({ unit: "grapheme" }),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 2 ** 45 }),
        (method, path, body, clientSecret, timestamp) => {
          fc.pre(!path.includes("%"));
          const url = `https://app.example.com${path}`;
          const sdk = Signature.getSignature(method, "v3", {
            signature: "",
            clientSecret,
            requestBody: body,
            url,
            timestamp,
          });
          expect(signWebhookV3({ clientSecret, method, uri: url, body, timestampMs: timestamp })).toBe(sdk);
        },
      ),
    );
  });

  it("is what the SDK's Signature.isValid accepts for a fresh request", () => {
    const timestamp = Date.now();
    const signature = signWebhookV3({
      clientSecret: SECRET,
      method: "POST",
      uri: URI,
      body: BODY,
      timestampMs: timestamp,
    });
    const options = { signature, clientSecret: SECRET, requestBody: BODY, url: URI, timestamp };
    expect(Signature.isValid({ ...options, signatureVersion: "v3" })).toBe(true);
  });

  it("signs the URI with HubSpot's escapes decoded (docs/hubspot.md §Webhook signatures (v3) step 2)", () => {
    const sign = (uri: string) =>
      signWebhookV3({ clientSecret: SECRET, method: "POST", uri, body: BODY, timestampMs: TS });
    expect(sign(`${URI}?next=%2Fa%3Ab%40c`)).toBe(sign(`${URI}?next=/a:b@c`));
    expect(sign(`${URI}?q=a%20b`)).not.toBe(sign(`${URI}?q=a b`));
  });
});

describe("verifyWebhookV3", () => {
  it("accepts the known-answer request", () => {
    expect(reasonOf(request())).toBe("accepted");
  });

  it("accepts any request it signed, and rejects it once any byte of the body changes", () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), fc.uint8Array({ minLength: 1 }), (uri, bytes) => {
        const body = Buffer.from(bytes);
        const signature = signWebhookV3({ clientSecret: SECRET, method: "POST", uri, body, timestampMs: TS });
        expect(reasonOf(request({ uri, body, signature }))).toBe("accepted");
        const tampered = Buffer.from(body);
        tampered[0] = (tampered[0] as number) ^ 1;
        expect(reasonOf(request({ uri, body: tampered, signature }))).toBe("mismatch");
      }),
    );
  });

  it("accepts a request signed on the decoded URI when the escapes arrive encoded", () => {
    const signature = signWebhookV3({
      clientSecret: SECRET,
      method: "POST",
      uri: `${URI}?a=b:c`,
      body: BODY,
      timestampMs: TS,
    });
    expect(reasonOf(request({ uri: `${URI}?a=b%3Ac`, signature }))).toBe("accepted");
    expect(reasonOf(request({ uri: `${URI}?a=b%3ac`, signature }))).toBe("accepted");
  });

  it("rejects a request without the signature header as missing_signature", () => {
    expect(reasonOf(request({ signature: undefined }))).toBe("missing_signature");
    expect(reasonOf(request({ signature: "" }))).toBe("missing_signature");
  });

  it("rejects a request without the timestamp header as missing_timestamp", () => {
    expect(reasonOf(request({ timestamp: undefined }))).toBe("missing_timestamp");
  });

  it.each([
    ["hex instead of base64", "ad010a91a3548aefb5a8617ffcefe9c38042cecb52a8ed4fc949c620299ffbba"],
    ["a truncated digest", VECTOR.slice(0, 40)],
    ["spaces for the plus signs", VECTOR.replace("+", " ")],
  ])("rejects %s as malformed_signature", (_what, signature) => {
    expect(reasonOf(request({ signature }))).toBe("malformed_signature");
  });

  it.each(["NaN", "1700000000000.5", "-1700000000000", "1.7e12", " 1700000000000", "0x18BCFE56800"])(
    "rejects the timestamp %j as timestamp_not_numeric",
    (timestamp) => {
      expect(reasonOf(request({ timestamp }))).toBe("timestamp_not_numeric");
    },
  );

  it("accepts a timestamp exactly 5 minutes old and rejects one a millisecond older as stale_timestamp", () => {
    expect(V3_MAX_AGE_MS).toBe(300_000);
    expect(reasonOf(request({ nowMs: TS + V3_MAX_AGE_MS }))).toBe("accepted");
    expect(reasonOf(request({ nowMs: TS + V3_MAX_AGE_MS + 1 }))).toBe("stale_timestamp");
  });

  it("accepts a timestamp 1 minute ahead and rejects one a millisecond further as future_timestamp", () => {
    expect(reasonOf(request({ nowMs: TS - V3_MAX_AHEAD_MS }))).toBe("accepted");
    expect(reasonOf(request({ nowMs: TS - V3_MAX_AHEAD_MS - 1 }))).toBe("future_timestamp");
  });

  it("rejects a stale request before comparing digests, even a forged one", () => {
    expect(reasonOf(request({ signature: `${"A".repeat(43)}=`, nowMs: TS + 10 * 60_000 }))).toBe(
      "stale_timestamp",
    );
  });

  it.each([
    ["another secret", { clientSecret: "other-secret" }],
    ["another method", { method: "PUT" }],
    ["another host", { uri: "https://evil.example.com/webhook_uri" }],
    ["another scheme", { uri: "http://www.example.com/webhook_uri" }],
    ["another body", { body: '{"example_field":"other"}' }],
    ["a replayed signature with a new timestamp", { timestamp: String(TS + 1) }],
    ["a well-formed but wrong digest", { signature: `${"A".repeat(43)}=` }],
  ])("rejects %s as mismatch", (_what, overrides) => {
    expect(reasonOf(request(overrides))).toBe("mismatch");
  });
});
