import { randomBytes } from "node:crypto";
import type { SessionPortals, SessionStore, SignInLink } from "../../ports/session-store.js";

export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;
/** The sandbox link is printed at start for the developer at the keyboard: a day is plenty. */
export const SANDBOX_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export const newSecret = () => randomBytes(32).toString("base64url");

/** Where a link is redeemed; the page there asks for a click before it signs in (see sign-in-routes). */
export const signInLinkUrl = (publicBaseUrl: string, token: string) =>
  `${publicBaseUrl}/admin/sign-in/link?token=${encodeURIComponent(token)}`;

export type SignInLinkDeps = { sessions: SessionStore; now: () => number; publicBaseUrl: string };

/**
 * Sandbox mode (docs/decisions.md §Admin sign-in, the fourth way): a single-use link to print at start,
 * signing in to every installed portal; `main.ts` logs it.
 */
export async function createSandboxSignInLink(deps: SignInLinkDeps): Promise<string> {
  const token = newSecret();
  await deps.sessions.saveLink(token, {
    kind: "sandbox",
    portals: "all",
    createdBy: "sandbox start-up",
    expiresAtMs: deps.now() + SANDBOX_LINK_TTL_MS,
  });
  return signInLinkUrl(deps.publicBaseUrl, token);
}

/** An admin link is printed for the person at the terminal, who clicks it at once: an hour is plenty. */
export const ADMIN_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * `lead-score admin-link` (docs/decisions.md §Admin sign-in): the ADMIN_TOKEN holder asks the admin API for a
 * single-use link, to every portal or one, when no other way in is at hand (a session expired, the
 * sandbox's link was spent).
 */
export async function createAdminSignInLink(
  deps: SignInLinkDeps,
  grant: { portals: SessionPortals; createdBy: string },
): Promise<{ url: string; expiresAtMs: number }> {
  const token = newSecret();
  const expiresAtMs = deps.now() + ADMIN_LINK_TTL_MS;
  await deps.sessions.saveLink(token, { kind: "admin-link", ...grant, expiresAtMs });
  return { url: signInLinkUrl(deps.publicBaseUrl, token), expiresAtMs };
}

/** Sign-in 2: a signed-in person invites a colleague by email to one of their portals, for 24 h. */
export async function createInviteLink(
  deps: SignInLinkDeps,
  invite: { email: string; portalId: number; createdBy: string },
): Promise<{ url: string; expiresAtMs: number }> {
  const token = newSecret();
  const expiresAtMs = deps.now() + INVITE_TTL_MS;
  await deps.sessions.saveLink(token, {
    kind: "invite",
    email: invite.email,
    portals: [invite.portalId],
    createdBy: invite.createdBy,
    expiresAtMs,
  });
  return { url: signInLinkUrl(deps.publicBaseUrl, token), expiresAtMs };
}

/** The link's grant if it is known, unused and not expired; it is used up either way. */
export async function redeemSignInLink(
  deps: Pick<SignInLinkDeps, "sessions" | "now">,
  token: string,
): Promise<{ name: string; portals: SessionPortals; via: SignInLink["kind"] } | undefined> {
  const link: SignInLink | undefined = await deps.sessions.takeLink(token);
  if (!link || link.expiresAtMs <= deps.now()) return undefined;
  const name = link.kind === "invite" ? (link.email ?? "invited user") : link.kind;
  return { name, portals: link.portals, via: link.kind };
}
