import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.js";

// The OAuth `state` (docs/hubspot.md §OAuth authorization): signed and short-lived, as @slack/oauth does
// (STYLE.md), so the callback only accepts installs this app started in the last 10 minutes.
// Pure: the time and the nonce come in as arguments. A state is bound to its flow: the flow's name is
// part of what is signed, so a state handed out to install the app signs no one in to the admin page,
// and the reverse.

export const STATE_TTL_MS = 10 * 60 * 1000;

type StatePayload = { n: string; exp: number };

/** The OAuth flows that hand out a state: installing the app, and signing in to the admin page. */
export type OAuthFlow = "install" | "admin-sign-in";

function mac(secret: string, flow: OAuthFlow, payload: string): Buffer {
  return createHmac("sha256", secret).update(`oauth-state.${flow}.${payload}`).digest();
}

/** `<base64url payload>.<base64url HMAC-SHA256>`; `nonce` makes each state unique. */
export function signState(secret: string, nowMs: number, nonce: string, flow: OAuthFlow): string {
  const payload = Buffer.from(JSON.stringify({ n: nonce, exp: nowMs + STATE_TTL_MS } satisfies StatePayload));
  const encoded = payload.toString("base64url");
  return `${encoded}.${mac(secret, flow, encoded).toString("base64url")}`;
}

export type StateRejection = "forged" | "expired";

/**
 * Throws AppError("invalid_input", { reason: "forged" | "expired" }); the signature is checked first, and
 * a state signed for another flow is forged for this one.
 */
export function verifyState(secret: string, state: string, nowMs: number, flow: OAuthFlow): void {
  const [encoded, signature, extra] = state.split(".");
  if (encoded === undefined || signature === undefined || extra !== undefined) throw rejected("forged");
  const expected = mac(secret, flow, encoded);
  const given = Buffer.from(signature, "base64url");
  // timingSafeEqual needs equal lengths; the length itself is not secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw rejected("forged");
  const payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as StatePayload;
  if (typeof payload.exp !== "number" || nowMs > payload.exp) throw rejected("expired");
}

function rejected(reason: StateRejection): AppError {
  const message =
    reason === "expired"
      ? "the install link expired (it is valid for 10 minutes): start the install again"
      : "the install request was not started by this app: start the install again";
  return new AppError("invalid_input", message, { reason });
}
