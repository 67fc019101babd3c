import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../errors.js";

// The OAuth `state` (docs/hubspot.md §OAuth authorization): signed and short-lived, as @slack/oauth does,
// so the callback only accepts flows this app started in the last 10 minutes.
// Pure: the time and the nonce come in as arguments. A state is bound
// - to its flow: the flow's name is part of what is signed, so a state handed out to install the app
//   signs no one in to the admin page, and the reverse;
// - to the browser that started it: the route sets a nonce in an HttpOnly cookie and signs its hash,
//   so a callback URL carried to another browser (login CSRF, a link sent round) is refused there.
//   The hash, not the nonce, travels through HubSpot: the state in a URL reveals no cookie.
// Single use is the routes' part: they record each accepted state's id (docs/decisions.md §OAuth state).

export const STATE_TTL_MS = 10 * 60 * 1000;

type StatePayload = { n: string; exp: number };

/** The OAuth flows that hand out a state: installing the app, and signing in to the admin page. */
export type OAuthFlow = "install" | "admin-sign-in";

/** What an accepted state is known by: its id (the browser nonce's hash) and when it expires. */
export type AcceptedState = { id: string; expiresAtMs: number };

function mac(secret: string, flow: OAuthFlow, payload: string): Buffer {
  return createHmac("sha256", secret).update(`oauth-state.${flow}.${payload}`).digest();
}

const nonceHash = (browserNonce: string) => createHash("sha256").update(browserNonce).digest("base64url");

/** `<base64url payload>.<base64url HMAC-SHA256>`; the browser nonce (random per start) makes each state unique. */
export function signState(secret: string, nowMs: number, browserNonce: string, flow: OAuthFlow): string {
  const body = { n: nonceHash(browserNonce), exp: nowMs + STATE_TTL_MS } satisfies StatePayload;
  const encoded = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${encoded}.${mac(secret, flow, encoded).toString("base64url")}`;
}

export type StateRejection = "forged" | "expired" | "other_browser";

function readPayload(encoded: string): StatePayload | undefined {
  try {
    const payload = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8")) as Partial<StatePayload>;
    return typeof payload.n === "string" && typeof payload.exp === "number"
      ? { n: payload.n, exp: payload.exp }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Throws AppError("invalid_input", { reason: "forged" | "expired" | "other_browser" }). The signature
 * is checked first (a state signed for another flow is forged for this one), then the expiry, then
 * that `browserNonce` (the flow's cookie; undefined when the browser sent none) is the one signed.
 */
export function verifyState(
  secret: string,
  state: string,
  nowMs: number,
  flow: OAuthFlow,
  browserNonce: string | undefined,
): AcceptedState {
  const [encoded, signature, extra] = state.split(".");
  if (encoded === undefined || signature === undefined || extra !== undefined) throw rejected(flow, "forged");
  const expected = mac(secret, flow, encoded);
  const given = Buffer.from(signature, "base64url");
  // timingSafeEqual needs equal lengths; the length itself is not secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw rejected(flow, "forged");
  const payload = readPayload(encoded);
  if (payload === undefined) throw rejected(flow, "forged");
  if (nowMs > payload.exp) throw rejected(flow, "expired");
  const signed = Buffer.from(payload.n);
  const sent = browserNonce ? Buffer.from(nonceHash(browserNonce)) : undefined;
  if (sent === undefined || sent.length !== signed.length || !timingSafeEqual(signed, sent))
    throw rejected(flow, "other_browser");
  return { id: payload.n, expiresAtMs: payload.exp };
}

const what = (flow: OAuthFlow) => (flow === "install" ? "install" : "sign-in");

const messages: Record<StateRejection, (flow: OAuthFlow) => string> = {
  expired: (flow) =>
    `the ${what(flow)} link expired (it is valid for 10 minutes): start the ${what(flow)} again`,
  forged: (flow) => `the ${what(flow)} request was not started by this app: start the ${what(flow)} again`,
  other_browser: (flow) =>
    `the ${what(flow)} was not started in this browser, or its cookie expired: start the ${what(flow)} again here`,
};

function rejected(flow: OAuthFlow, reason: StateRejection): AppError {
  return new AppError("invalid_input", messages[reason](flow), { reason });
}
