import type { Response } from "express";
import type { Session, SessionStore } from "../../ports/session-store.js";
import { SESSION_COOKIE, setCookie } from "./session-cookies.js";
import { newSecret } from "./sign-in-links.js";

/** Twelve hours: a working day, after which the person signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * The cookie outlives the session by a week, so a browser coming back after its session ended still
 * names it and is told "Your session expired" rather than shown a first-visit sign-in page.
 */
const SESSION_COOKIE_MAX_AGE_SEC = SESSION_TTL_MS / 1000 + 7 * 24 * 60 * 60;

/** `now` is the real wall clock, never the sandbox's movable one (docs/decisions.md §Admin sessions). */
export type SessionDeps = { sessions: SessionStore; now: () => number; secureCookies: boolean };

/** Stores a new session and sets its cookie; a fresh id on every sign-in (no session fixation). */
export async function startSession(
  deps: SessionDeps,
  res: Response,
  grant: Pick<Session, "name" | "portals" | "via">,
): Promise<void> {
  const sessionId = newSecret();
  const createdAtMs = deps.now();
  await deps.sessions.saveSession(sessionId, {
    ...grant,
    csrfToken: newSecret(),
    createdAtMs,
    expiresAtMs: createdAtMs + SESSION_TTL_MS,
  });
  setCookie(res, SESSION_COOKIE, sessionId, {
    secure: deps.secureCookies,
    maxAgeSec: SESSION_COOKIE_MAX_AGE_SEC,
    sameSite: "Lax",
  });
}
