import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { STATE_TTL_MS, signState, verifyState } from "../../../src/hubspot/oauth-state.js";

const SECRET = "client-secret-1";
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

function reasonOf(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details.reason;
  }
  return "accepted";
}

describe("signState / verifyState", () => {
  it("accepts its own state until exactly 10 minutes later", () => {
    const state = signState(SECRET, T0, "nonce-1", "install");
    expect(STATE_TTL_MS).toBe(600_000);
    expect(reasonOf(() => verifyState(SECRET, state, T0, "install", "nonce-1"))).toBe("accepted");
    expect(reasonOf(() => verifyState(SECRET, state, T0 + STATE_TTL_MS, "install", "nonce-1"))).toBe(
      "accepted",
    );
  });

  it("rejects it as expired one millisecond after 10 minutes, saying the link expired", () => {
    const state = signState(SECRET, T0, "nonce-1", "install");
    expect(reasonOf(() => verifyState(SECRET, state, T0 + STATE_TTL_MS + 1, "install", "nonce-1"))).toBe(
      "expired",
    );
    expect(() => verifyState(SECRET, state, T0 + STATE_TTL_MS + 1, "install", "nonce-1")).toThrowError(
      /expired/,
    );
  });

  it("is bound to the browser nonce it was signed with: another nonce, or none, is another browser", () => {
    const state = signState(SECRET, T0, "nonce-1", "install");
    for (const other of ["nonce-2", "", undefined])
      expect(reasonOf(() => verifyState(SECRET, state, T0, "install", other))).toBe("other_browser");
    expect(() => verifyState(SECRET, state, T0, "install", "nonce-2")).toThrowError(
      /not started in this browser/,
    );
  });

  it("carries the nonce's hash, not the nonce: the state in a URL reveals no cookie", () => {
    const state = signState(SECRET, T0, "nonce-secret-value", "install");
    const payload = Buffer.from(state.split(".")[0] ?? "", "base64url").toString("utf8");
    expect(payload).not.toContain("nonce-secret-value");
    const accepted = verifyState(SECRET, state, T0, "install", "nonce-secret-value");
    expect(accepted).toEqual({ id: JSON.parse(payload).n, expiresAtMs: T0 + STATE_TTL_MS });
  });

  it("checks the expiry before the browser: an old link says it expired", () => {
    const state = signState(SECRET, T0, "nonce-1", "admin-sign-in");
    expect(
      reasonOf(() => verifyState(SECRET, state, T0 + STATE_TTL_MS + 1, "admin-sign-in", undefined)),
    ).toBe("expired");
  });

  it("gives each nonce its own state", () => {
    expect(signState(SECRET, T0, "a", "install")).not.toBe(signState(SECRET, T0, "b", "install"));
  });

  it("rejects a state signed with another secret as forged", () => {
    expect(
      reasonOf(() => verifyState(SECRET, signState("other-secret", T0, "n", "install"), T0, "install", "n")),
    ).toBe("forged");
  });

  it("rejects a state signed for the other flow as forged: an install state signs no one in, and back", () => {
    const install = signState(SECRET, T0, "n", "install");
    const signIn = signState(SECRET, T0, "n", "admin-sign-in");
    expect(reasonOf(() => verifyState(SECRET, install, T0, "admin-sign-in", "n"))).toBe("forged");
    expect(reasonOf(() => verifyState(SECRET, signIn, T0, "install", "n"))).toBe("forged");
    expect(reasonOf(() => verifyState(SECRET, signIn, T0, "admin-sign-in", "n"))).toBe("accepted");
  });

  it("rejects a state whose expiry was extended as forged, even when it is also expired", () => {
    const [, signature] = signState(SECRET, T0, "n", "install").split(".");
    const extended = Buffer.from(JSON.stringify({ n: "n", exp: T0 + 10 * STATE_TTL_MS })).toString(
      "base64url",
    );
    expect(reasonOf(() => verifyState(SECRET, `${extended}.${signature}`, T0, "install", "n"))).toBe(
      "forged",
    );
    expect(
      reasonOf(() =>
        verifyState(SECRET, signState("x", T0, "n", "install"), T0 + 2 * STATE_TTL_MS, "install", "n"),
      ),
    ).toBe("forged");
  });

  it.each(["", "abc", "a.b.c", ".", "e30.", "e30.AAAA"])(
    "rejects the malformed state %j as forged",
    (state) => {
      expect(reasonOf(() => verifyState(SECRET, state, T0, "install", "n"))).toBe("forged");
    },
  );
});
