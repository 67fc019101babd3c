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
    expect(reasonOf(() => verifyState(SECRET, state, T0, "install"))).toBe("accepted");
    expect(reasonOf(() => verifyState(SECRET, state, T0 + STATE_TTL_MS, "install"))).toBe("accepted");
  });

  it("rejects it as expired one millisecond after 10 minutes, saying the link expired", () => {
    const state = signState(SECRET, T0, "nonce-1", "install");
    expect(reasonOf(() => verifyState(SECRET, state, T0 + STATE_TTL_MS + 1, "install"))).toBe("expired");
    expect(() => verifyState(SECRET, state, T0 + STATE_TTL_MS + 1, "install")).toThrowError(/expired/);
  });

  it("gives each nonce its own state", () => {
    expect(signState(SECRET, T0, "a", "install")).not.toBe(signState(SECRET, T0, "b", "install"));
  });

  it("rejects a state signed with another secret as forged", () => {
    expect(
      reasonOf(() => verifyState(SECRET, signState("other-secret", T0, "n", "install"), T0, "install")),
    ).toBe("forged");
  });

  it("rejects a state signed for the other flow as forged: an install state signs no one in, and back", () => {
    const install = signState(SECRET, T0, "n", "install");
    const signIn = signState(SECRET, T0, "n", "admin-sign-in");
    expect(reasonOf(() => verifyState(SECRET, install, T0, "admin-sign-in"))).toBe("forged");
    expect(reasonOf(() => verifyState(SECRET, signIn, T0, "install"))).toBe("forged");
    expect(reasonOf(() => verifyState(SECRET, signIn, T0, "admin-sign-in"))).toBe("accepted");
  });

  it("rejects a state whose expiry was extended as forged, even when it is also expired", () => {
    const [, signature] = signState(SECRET, T0, "n", "install").split(".");
    const extended = Buffer.from(JSON.stringify({ n: "n", exp: T0 + 10 * STATE_TTL_MS })).toString(
      "base64url",
    );
    expect(reasonOf(() => verifyState(SECRET, `${extended}.${signature}`, T0, "install"))).toBe("forged");
    expect(
      reasonOf(() =>
        verifyState(SECRET, signState("x", T0, "n", "install"), T0 + 2 * STATE_TTL_MS, "install"),
      ),
    ).toBe("forged");
  });

  it.each(["", "abc", "a.b.c", ".", "e30.", "e30.AAAA"])(
    "rejects the malformed state %j as forged",
    (state) => {
      expect(reasonOf(() => verifyState(SECRET, state, T0, "install"))).toBe("forged");
    },
  );
});
