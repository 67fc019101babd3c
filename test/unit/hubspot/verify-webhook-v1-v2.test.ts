import { Signature } from "@hubspot/api-client";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { signWebhookV1, signWebhookV2 } from "../../../src/hubspot/sign-webhook-v1-v2.js";
import { verifyWebhookV1, verifyWebhookV2 } from "../../../src/hubspot/verify-webhook-v1-v2.js";
import { WEBHOOK_SECRET as SECRET, V1_VECTOR_BODY } from "../../fixtures/hubspot/webhook-payloads.js";

// HubSpot's published vectors (docs/hubspot.md §Webhook signatures (v1 and v2); the same in the SDK's test/unit/signature.spec.ts).
const V1 = "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de";
const URI = "https://www.example.com/webhook_uri";
const V2_GET = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";
const V2_POST = "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900";
const V2_BODY = '{"example_field":"example_value"}';

function reasonOf(run: () => void): unknown {
  try {
    run();
    return "accepted";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details.reason;
  }
}

describe("v1 signatures", () => {
  it("match HubSpot's published v1 vector", () => {
    expect(signWebhookV1({ clientSecret: SECRET, body: V1_VECTOR_BODY })).toBe(V1);
    expect(
      reasonOf(() => verifyWebhookV1({ clientSecret: SECRET, body: V1_VECTOR_BODY, signature: V1 })),
    ).toBe("accepted");
  });

  it("accept the digest in upper case hex too", () => {
    const signature = V1.toUpperCase();
    expect(reasonOf(() => verifyWebhookV1({ clientSecret: SECRET, body: V1_VECTOR_BODY, signature }))).toBe(
      "accepted",
    );
  });

  it("agree with the SDK for any body and secret", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (clientSecret, body) => {
        const sdk = Signature.getSignature("POST", "v1", { signature: "", clientSecret, requestBody: body });
        expect(signWebhookV1({ clientSecret, body })).toBe(sdk);
      }),
    );
  });

  it.each([
    ["missing_signature", undefined],
    ["malformed_signature", "not-hex"],
    ["malformed_signature", V1.slice(1)],
    ["mismatch", V2_GET],
  ])("reject as %s the signature %j", (reason, signature) => {
    expect(reasonOf(() => verifyWebhookV1({ clientSecret: SECRET, body: V1_VECTOR_BODY, signature }))).toBe(
      reason,
    );
  });
});

describe("v2 signatures", () => {
  it("match HubSpot's published GET and POST vectors", () => {
    expect(signWebhookV2({ clientSecret: SECRET, method: "GET", uri: URI, body: "" })).toBe(V2_GET);
    expect(signWebhookV2({ clientSecret: SECRET, method: "POST", uri: URI, body: V2_BODY })).toBe(V2_POST);
    const post = { clientSecret: SECRET, method: "POST", uri: URI, body: V2_BODY, signature: V2_POST };
    expect(reasonOf(() => verifyWebhookV2(post))).toBe("accepted");
  });

  it("agree with the SDK for any request", () => {
    fc.assert(
      fc.property(fc.constantFrom("GET", "POST"), fc.webUrl(), fc.string(), (method, url, body) => {
        const sdk = Signature.getSignature(method, "v2", {
          signature: "",
          clientSecret: SECRET,
          requestBody: body,
          url,
        });
        expect(signWebhookV2({ clientSecret: SECRET, method, uri: url, body })).toBe(sdk);
      }),
    );
  });

  it("do not decode the URI: v2 signs it exactly as sent (docs/hubspot.md §Webhook signatures (v3) step 3)", () => {
    const signature = signWebhookV2({
      clientSecret: SECRET,
      method: "POST",
      uri: `${URI}?a=b:c`,
      body: V2_BODY,
    });
    const encoded = { clientSecret: SECRET, method: "POST", uri: `${URI}?a=b%3Ac`, body: V2_BODY, signature };
    expect(reasonOf(() => verifyWebhookV2(encoded))).toBe("mismatch");
  });

  it.each([
    ["missing_signature", { signature: undefined }],
    ["malformed_signature", { signature: `${V2_POST}00` }],
    ["mismatch", { method: "GET" }],
    ["mismatch", { uri: `${URI}/other` }],
    ["mismatch", { clientSecret: "other" }],
  ])("reject as %s a request with %j", (reason, overrides) => {
    const input = {
      clientSecret: SECRET,
      method: "POST",
      uri: URI,
      body: V2_BODY,
      signature: V2_POST,
      ...overrides,
    };
    expect(reasonOf(() => verifyWebhookV2(input))).toBe(reason);
  });
});
